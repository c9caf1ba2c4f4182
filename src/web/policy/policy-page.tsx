import { Page } from '../shell/layout.js';

// Placeholder while this page is being built (issue 4).
export default function PolicyPage() {
  return (
    <Page title="The remote learning policy">
      <p>This page is being built.</p>
    </Page>
  );
}
