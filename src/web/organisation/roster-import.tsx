import { Page } from '../shell/layout.js';

// Placeholder while this page is being built (issue 4).
export default function RosterImport() {
  return (
    <Page title="Import from your MIS">
      <p>This page is being built.</p>
    </Page>
  );
}
