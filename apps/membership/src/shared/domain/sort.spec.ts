import { parseSort, unknownSortFields } from './sort';

describe('sort specs', () => {
  it('reads fields in order, - for descending', () => {
    expect(parseSort('name,-createdAt')).toEqual([
      ['name', 'ASC'],
      ['createdAt', 'DESC'],
    ]);
    expect(parseSort(' name , ,+slug')).toEqual([
      ['name', 'ASC'],
      ['slug', 'ASC'],
    ]);
  });

  it('names the fields a resource cannot be sorted by', () => {
    expect(unknownSortFields('name,-password,password', ['name', 'createdAt'])).toEqual(['password']);
    expect(unknownSortFields('-name', ['name'])).toEqual([]);
  });
});
