import type { SeedResult } from '../node/seed-demo-network';
import { baseUrlOf, NetworkNode } from './network-layout';

/** The curl lines `npm run start:network` prints: a write at its home node reaching the hub, and one refused away from it. */
export function federationHints(seeded: SeedResult, hub: NetworkNode, city: NetworkNode): string {
  const memberId = seeded.members[city.homeOf[0]];
  const h = baseUrlOf(hub);
  const c = baseUrlOf(city);
  const person = (given: string, family: string) =>
    `'{"memberId": "${memberId}", "givenName": "${given}", "familyName": "${family}", "email": "${given.toLowerCase()}.${family.toLowerCase()}@${city.homeOf[0]}.example.org", "functions": ["trainer"], "preferredLanguage": "it"}'`;
  return `  T="Authorization: Bearer $(npm run --silent token -- francesca.ricci@ravenna.example.org)"   # Ravenna's city liaison
  # A person registered at ${city.id}, their city's home node…
  P=$(curl -s -H "$T" -H 'content-type: application/json' ${c}/api/membership/people -d ${person('Giulia', 'Bianchi')} | jq -r .id)
  curl -s -H "$T" '${c}/api/membership/people?memberId=${memberId}' | jq '[.items[] | .givenName + " " + .familyName]'
  # …reaches the hub's copies within a second or two (404 until then)
  curl -s -H "$T" ${h}/api/practice/people/$P/learning-record | jq .
  psql -h 127.0.0.1 -U postgres intercity_${hub.id}_practice -c "SELECT given_name, family_name FROM people WHERE member_id = '${memberId}'"
  # Registering a ${city.id} person at the hub: 409, naming their home node
  curl -s -H "$T" -H 'content-type: application/json' ${h}/api/membership/people -d ${person('Marco', 'Conti')} | jq '{status, rule, homeNode}'
  # The hub's streams: its own, and FROM_${city.id.toUpperCase()} (what ${city.id} published, before the ingest gate)
  curl -s 'http://127.0.0.1:${hub.monitorPort}/jsz?streams=1' | jq '.account_details[].stream_detail[] | {name, messages: .state.messages}'`;
}
