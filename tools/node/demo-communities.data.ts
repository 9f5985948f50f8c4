/**
 * CONNECTION's four communities of practice, with the cities that worked in each, and the staff
 * exchanges paired in each: [mentoring, implementing], one for each of the seven implementing cities.
 */
export const CONNECTION_COMMUNITIES = [
  {
    name: 'Strategic approach to integration',
    theme: 'Strategic approach to integration, participation and interaction',
    lead: 'ghent',
    cities: ['ghent', 'athens', 'brno', 'riga', 'vienna', 'amsterdam-east'],
    pairings: [
      ['ghent', 'riga'],
      ['vienna', 'brno'],
    ],
  },
  {
    name: 'Gender dimension',
    theme: 'Gender dimension',
    lead: 'barcelona',
    cities: ['barcelona', 'braga', 'zagreb', 'bologna', 'dublin'],
    pairings: [
      ['barcelona', 'zagreb'],
      ['bologna', 'braga'],
    ],
  },
  {
    name: 'Pathways to employment',
    theme: 'Pathways to employment',
    lead: 'munich',
    cities: ['munich', 'gdansk', 'leipzig', 'lisbon', 'tallinn', 'helsinki'],
    pairings: [
      ['munich', 'gdansk'],
      ['leipzig', 'tallinn'],
    ],
  },
  {
    name: 'One-stop-shops',
    theme: 'One-stop-shops',
    lead: 'rotterdam',
    cities: ['rotterdam', 'cluj-napoca', 'gothenburg', 'nantes', 'ljubljana'],
    pairings: [['rotterdam', 'cluj-napoca']],
  },
] as const satisfies readonly { name: string; theme: string; lead: string; cities: readonly string[]; pairings: readonly (readonly [string, string])[] }[];
