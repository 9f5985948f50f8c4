/** CONNECTION's four communities of practice, with the cities that worked in each. */
export const CONNECTION_COMMUNITIES = [
  {
    name: 'Strategic approach to integration',
    theme: 'Strategic approach to integration, participation and interaction',
    lead: 'ghent',
    cities: ['ghent', 'athens', 'brno', 'riga', 'vienna', 'amsterdam-east'],
  },
  { name: 'Gender dimension', theme: 'Gender dimension', lead: 'barcelona', cities: ['barcelona', 'braga', 'zagreb', 'bologna', 'dublin'] },
  {
    name: 'Pathways to employment',
    theme: 'Pathways to employment',
    lead: 'munich',
    cities: ['munich', 'gdansk', 'leipzig', 'lisbon', 'tallinn', 'helsinki'],
  },
  { name: 'One-stop-shops', theme: 'One-stop-shops', lead: 'rotterdam', cities: ['rotterdam', 'cluj-napoca', 'gothenburg', 'nantes', 'ljubljana'] },
];
