import type { DemoUser } from '../../apps/demo-issuer/src/demo-users';
import type { SeedResult } from './seed-demo-network';

/**
 * The people who can sign in to the demo, one for each role, with grants naming the seeded
 * networks and cities by id. Their e-mail addresses are those of seeded people.
 */
export function demoIdentities(seed: SeedResult): DemoUser[] {
  const eurocities = seed.networks.eurocities;
  const eccipa = seed.networks.eccipa;
  return [
    {
      email: 'anne.dupont@eurocities.example.org',
      name: 'Anne Dupont',
      description: 'network admin of Eurocities',
      grants: [{ role: 'network-admin', networkId: eurocities }],
    },
    {
      email: 'miriam.schafer@kreis-offenbach.example.org',
      name: 'Miriam Schäfer',
      description: 'network admin of the ECCIPA partnership (Kreis Offenbach)',
      grants: [{ role: 'network-admin', networkId: eccipa }],
    },
    {
      email: 'francesca.ricci@ravenna.example.org',
      name: 'Francesca Ricci',
      description: 'city liaison of Ravenna (ECCIPA)',
      grants: [{ role: 'city-liaison', networkId: eccipa, memberId: seed.members.ravenna }],
    },
    {
      email: 'lucia.martinez@cartagena.example.org',
      name: 'Lucía Martínez',
      description: 'city liaison of Cartagena (ECCIPA)',
      grants: [{ role: 'city-liaison', networkId: eccipa, memberId: seed.members.cartagena }],
    },
    {
      email: 'pieter.claes@eurocities.example.org',
      name: 'Pieter Claes',
      description: 'grant officer of both networks',
      grants: [
        { role: 'grant-officer', networkId: eurocities },
        { role: 'grant-officer', networkId: eccipa },
      ],
    },
    {
      email: 'hannah.price@migrationwork.example.org',
      name: 'Hannah Price',
      description: 'viewer in Eurocities (MigrationWork, expert partner)',
      grants: [{ role: 'viewer', networkId: eurocities }],
    },
  ];
}
