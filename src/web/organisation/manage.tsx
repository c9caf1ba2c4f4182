import { Page } from '../shell/layout.js';

// Placeholder while this page is being built (issue 4).
export default function ManageOrganisation() {
  return (
    <Page title="Organisation">
      <p>This page is being built.</p>
    </Page>
  );
}
