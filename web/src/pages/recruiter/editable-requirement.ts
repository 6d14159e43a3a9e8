/** A skill requirement while it is being edited: the skill by name, the server resolves it. */
export interface EditableRequirement {
  name: string;
  level: number;
  weight: number;
}
