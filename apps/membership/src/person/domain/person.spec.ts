import { changePerson, erasePerson, personErased, PersonFields, personState, registerPerson } from './person';

const now = new Date('2024-01-01T00:00:00Z');
const later = new Date('2024-02-01T00:00:00Z');
const francesca: PersonFields = {
  givenName: 'Francesca',
  familyName: 'Ricci',
  email: ' Francesca.Ricci@Ravenna.example.org ',
  functions: ['city-liaison', 'city-liaison', 'trainer'],
  preferredLanguage: 'IT',
};
const member = { id: 'm1', leftOn: null };

describe('people', () => {
  it('are registered with one spelling of their e-mail and language', () => {
    expect(registerPerson('p1', member, francesca, now)).toMatchObject({
      memberId: 'm1',
      email: 'francesca.ricci@ravenna.example.org',
      functions: ['city-liaison', 'trainer'],
      preferredLanguage: 'it',
      erasedAt: null,
      version: 1,
    });
  });

  it('are not registered with a member that left', () => {
    expect(() => registerPerson('p1', { id: 'm1', leftOn: '2023-12-31' }, francesca, now)).toThrow(
      expect.objectContaining({ rule: 'person.member-left' }),
    );
  });

  describe('erasure', () => {
    const person = registerPerson('p1', member, francesca, now);
    const erased = erasePerson(person, later);

    it('replaces the personal data and keeps the record and its member', () => {
      expect(erased).toEqual({
        ...person,
        givenName: 'Erased',
        familyName: 'Erased',
        email: 'erased+p1@erased.invalid',
        functions: [],
        erasedAt: later,
        version: 2,
        updatedAt: later,
      });
      for (const value of Object.values(personState(erased))) {
        expect(JSON.stringify(value)).not.toMatch(/Francesca|Ricci/i);
      }
    });

    it('is announced without any personal data', () => {
      expect(personErased(erased)).toEqual({ personId: 'p1', memberId: 'm1' });
    });

    it('is final: an erased person neither changes nor is erased again', () => {
      expect(() => changePerson(erased, { givenName: 'Francesca' }, later)).toThrow(
        expect.objectContaining({ rule: 'person.erased', kind: 'conflict' }),
      );
      expect(() => erasePerson(erased, later)).toThrow(expect.objectContaining({ rule: 'person.erased' }));
    });
  });
});
