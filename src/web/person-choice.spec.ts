import { idOfChoice, personChoice } from './person-choice';

describe('a person chosen from the shared list', () => {
  const id = '3f2b8c1e-9a4d-4c6b-8e2f-1a2b3c4d5e6f';

  it('posts back the id at the end of the entry', () => {
    expect(personChoice('Бакыт Исаев', 'KG', id)).toBe(`Бакыт Исаев (KG) — ${id}`);
    expect(idOfChoice(personChoice('Бакыт Исаев', 'KG', id))).toBe(id);
    expect(idOfChoice(personChoice('Anna — Schmidt', null, id))).toBe(id);
  });

  it('keeps a bare id and leaves any other text for the field check to refuse', () => {
    expect(idOfChoice(` ${id} `)).toBe(id);
    expect(idOfChoice('Бакыт Исаев (KG)')).toBe('Бакыт Исаев (KG)');
  });
});
