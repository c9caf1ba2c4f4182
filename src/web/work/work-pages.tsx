import type { Me } from '../../shared/identity.js';
import { Page } from '../shell/layout.js';

/** R-WORK-1..8: the work pages (placeholder until the pages land). */
export default function WorkPages(_props: { me: Me }) {
  return (
    <Page title="Work">
      <p>Work set, handed in and marked.</p>
    </Page>
  );
}
