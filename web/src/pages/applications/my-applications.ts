/** The candidate's list of applications, kept in step with what they do on the page. */
import type { CandidateApplication, MyApplicationsAnswer } from '../../lib/types.ts';

/** The page with `changed` in place of its earlier copy (after a withdrawal, say). */
export function replaced(page: MyApplicationsAnswer, changed: CandidateApplication): MyApplicationsAnswer {
  return { ...page, items: page.items.map((item) => (item.id === changed.id ? changed : item)) };
}
