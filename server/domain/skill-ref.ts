/** A skill as stored and answered: the canonical taxonomy id and display name, or a free-text skill. */
export interface SkillRef {
  id: string;
  name: string;
}
