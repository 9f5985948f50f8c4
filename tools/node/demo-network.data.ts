/**
 * The demo: a Eurocities-like network running a CONNECTION-like project (AMIF, 2020-2022) with 14
 * core and 8 fellow cities, 7 of them implementing; and an Erasmus+ partnership like ECCIPA.
 * Real places, their IANA time zones, ISO 3166-2 regions and languages; invented people.
 */
export interface DemoCity {
  slug: string;
  name: string;
  legalName: string;
  kind: 'city' | 'county' | 'city-district' | 'partner-organisation';
  country: string;
  region?: string;
  timeZone: string;
  languages: string[];
  role: 'coordinator' | 'partner' | 'core-city' | 'fellow-city';
  experienceLevel?: 'mentoring' | 'implementing';
  people: [string, string, ('city-liaison' | 'integration-officer' | 'expert' | 'trainer' | 'coordinator')[]][];
}

export interface DemoNetwork {
  slug: string;
  name: string;
  description: string;
  project: { code: string; name: string; programme: string; startsOn: string; endsOn: string; status: 'planned' | 'running' | 'closed' };
  members: DemoCity[];
}

const liaisonAndOfficer = (a: [string, string], b: [string, string]): DemoCity['people'] => [
  [a[0], a[1], ['city-liaison']],
  [b[0], b[1], ['integration-officer']],
];

export const CONNECTION: DemoNetwork = {
  slug: 'eurocities',
  name: 'Eurocities',
  description: 'Network of major European cities working together on migrant integration.',
  project: { code: 'CONNECTION', name: 'CONNECTION: cities working together on integration', programme: 'EU AMIF', startsOn: '2020-01-01', endsOn: '2022-12-31', status: 'closed' },
  members: [
    { slug: 'eurocities', name: 'Eurocities', legalName: 'Eurocities ASBL', kind: 'partner-organisation', country: 'BE', region: 'BE-BRU', timeZone: 'Europe/Brussels', languages: ['en', 'fr'], role: 'coordinator', people: [['Anne', 'Dupont', ['coordinator']], ['Pieter', 'Claes', ['coordinator']]] },
    { slug: 'migrationwork', name: 'MigrationWork', legalName: 'MigrationWork CIC', kind: 'partner-organisation', country: 'GB', timeZone: 'Europe/London', languages: ['en'], role: 'partner', people: [['Hannah', 'Price', ['expert', 'trainer']]] },
    { slug: 'athens', name: 'Athens', legalName: 'Municipality of Athens', kind: 'city', country: 'GR', timeZone: 'Europe/Athens', languages: ['el', 'en'], role: 'core-city', experienceLevel: 'mentoring', people: liaisonAndOfficer(['Eleni', 'Papadopoulou'], ['Nikos', 'Georgiou']) },
    { slug: 'barcelona', name: 'Barcelona', legalName: 'Ajuntament de Barcelona', kind: 'city', country: 'ES', region: 'ES-CT', timeZone: 'Europe/Madrid', languages: ['ca', 'es'], role: 'core-city', experienceLevel: 'mentoring', people: liaisonAndOfficer(['Núria', 'Puig'], ['Jordi', 'Serra']) },
    { slug: 'bologna', name: 'Bologna', legalName: 'Comune di Bologna', kind: 'city', country: 'IT', region: 'IT-45', timeZone: 'Europe/Rome', languages: ['it'], role: 'core-city', experienceLevel: 'mentoring', people: liaisonAndOfficer(['Giulia', 'Rossi'], ['Marco', 'Bianchi']) },
    { slug: 'braga', name: 'Braga', legalName: 'Município de Braga', kind: 'city', country: 'PT', timeZone: 'Europe/Lisbon', languages: ['pt'], role: 'core-city', experienceLevel: 'implementing', people: liaisonAndOfficer(['Ana', 'Ferreira'], ['João', 'Costa']) },
    { slug: 'brno', name: 'Brno', legalName: 'Statutární město Brno', kind: 'city', country: 'CZ', region: 'CZ-64', timeZone: 'Europe/Prague', languages: ['cs'], role: 'core-city', experienceLevel: 'implementing', people: liaisonAndOfficer(['Petra', 'Novotná'], ['Tomáš', 'Dvořák']) },
    { slug: 'ghent', name: 'Ghent', legalName: 'Stad Gent', kind: 'city', country: 'BE', region: 'BE-VLG', timeZone: 'Europe/Brussels', languages: ['nl'], role: 'core-city', experienceLevel: 'mentoring', people: liaisonAndOfficer(['Lotte', 'Peeters'], ['Wouter', 'Maes']) },
    { slug: 'gothenburg', name: 'Gothenburg', legalName: 'Göteborgs Stad', kind: 'city', country: 'SE', timeZone: 'Europe/Stockholm', languages: ['sv'], role: 'core-city', experienceLevel: 'mentoring', people: liaisonAndOfficer(['Sara', 'Lindqvist'], ['Erik', 'Johansson']) },
    { slug: 'helsinki', name: 'Helsinki', legalName: 'Helsingin kaupunki', kind: 'city', country: 'FI', timeZone: 'Europe/Helsinki', languages: ['fi', 'sv'], role: 'core-city', experienceLevel: 'mentoring', people: liaisonAndOfficer(['Aino', 'Virtanen'], ['Mikko', 'Korhonen']) },
    { slug: 'leipzig', name: 'Leipzig', legalName: 'Stadt Leipzig', kind: 'city', country: 'DE', region: 'DE-SN', timeZone: 'Europe/Berlin', languages: ['de'], role: 'core-city', experienceLevel: 'mentoring', people: liaisonAndOfficer(['Katrin', 'Schulz'], ['Jonas', 'Becker']) },
    { slug: 'lisbon', name: 'Lisbon', legalName: 'Câmara Municipal de Lisboa', kind: 'city', country: 'PT', timeZone: 'Europe/Lisbon', languages: ['pt'], role: 'core-city', experienceLevel: 'mentoring', people: liaisonAndOfficer(['Marta', 'Silva'], ['Rui', 'Santos']) },
    { slug: 'munich', name: 'Munich', legalName: 'Landeshauptstadt München', kind: 'city', country: 'DE', region: 'DE-BY', timeZone: 'Europe/Berlin', languages: ['de'], role: 'core-city', experienceLevel: 'mentoring', people: liaisonAndOfficer(['Sabine', 'Huber'], ['Florian', 'Wagner']) },
    { slug: 'nantes', name: 'Nantes', legalName: 'Ville de Nantes', kind: 'city', country: 'FR', region: 'FR-PDL', timeZone: 'Europe/Paris', languages: ['fr'], role: 'core-city', experienceLevel: 'mentoring', people: liaisonAndOfficer(['Claire', 'Moreau'], ['Julien', 'Lefebvre']) },
    { slug: 'rotterdam', name: 'Rotterdam', legalName: 'Gemeente Rotterdam', kind: 'city', country: 'NL', region: 'NL-ZH', timeZone: 'Europe/Amsterdam', languages: ['nl'], role: 'core-city', experienceLevel: 'mentoring', people: liaisonAndOfficer(['Sanne', 'de Vries'], ['Daan', 'Bakker']) },
    { slug: 'vienna', name: 'Vienna', legalName: 'Stadt Wien', kind: 'city', country: 'AT', region: 'AT-9', timeZone: 'Europe/Vienna', languages: ['de'], role: 'core-city', experienceLevel: 'mentoring', people: liaisonAndOfficer(['Lena', 'Gruber'], ['Stefan', 'Hofer']) },
    { slug: 'amsterdam-east', name: 'Amsterdam-East', legalName: 'Stadsdeel Oost, Gemeente Amsterdam', kind: 'city-district', country: 'NL', region: 'NL-NH', timeZone: 'Europe/Amsterdam', languages: ['nl'], role: 'fellow-city', experienceLevel: 'mentoring', people: liaisonAndOfficer(['Fleur', 'Jansen'], ['Bram', 'Visser']) },
    { slug: 'cluj-napoca', name: 'Cluj-Napoca', legalName: 'Primăria Municipiului Cluj-Napoca', kind: 'city', country: 'RO', region: 'RO-CJ', timeZone: 'Europe/Bucharest', languages: ['ro', 'hu'], role: 'fellow-city', experienceLevel: 'implementing', people: liaisonAndOfficer(['Ioana', 'Popescu'], ['Andrei', 'Muresan']) },
    { slug: 'dublin', name: 'Dublin', legalName: 'Dublin City Council', kind: 'city', country: 'IE', timeZone: 'Europe/Dublin', languages: ['en', 'ga'], role: 'fellow-city', experienceLevel: 'mentoring', people: liaisonAndOfficer(['Aoife', 'Murphy'], ['Conor', 'Byrne']) },
    { slug: 'gdansk', name: 'Gdańsk', legalName: 'Miasto Gdańsk', kind: 'city', country: 'PL', region: 'PL-22', timeZone: 'Europe/Warsaw', languages: ['pl'], role: 'fellow-city', experienceLevel: 'implementing', people: liaisonAndOfficer(['Agnieszka', 'Kowalska'], ['Piotr', 'Nowak']) },
    { slug: 'ljubljana', name: 'Ljubljana', legalName: 'Mestna občina Ljubljana', kind: 'city', country: 'SI', timeZone: 'Europe/Ljubljana', languages: ['sl'], role: 'fellow-city', experienceLevel: 'mentoring', people: liaisonAndOfficer(['Maja', 'Novak'], ['Luka', 'Horvat']) },
    { slug: 'riga', name: 'Riga', legalName: 'Rīgas valstspilsētas pašvaldība', kind: 'city', country: 'LV', timeZone: 'Europe/Riga', languages: ['lv'], role: 'fellow-city', experienceLevel: 'implementing', people: liaisonAndOfficer(['Līga', 'Bērziņa'], ['Jānis', 'Kalniņš']) },
    { slug: 'tallinn', name: 'Tallinn', legalName: 'Tallinna linn', kind: 'city', country: 'EE', timeZone: 'Europe/Tallinn', languages: ['et', 'ru'], role: 'fellow-city', experienceLevel: 'implementing', people: liaisonAndOfficer(['Kadri', 'Tamm'], ['Martin', 'Saar']) },
    { slug: 'zagreb', name: 'Zagreb', legalName: 'Grad Zagreb', kind: 'city', country: 'HR', timeZone: 'Europe/Zagreb', languages: ['hr'], role: 'fellow-city', experienceLevel: 'implementing', people: liaisonAndOfficer(['Ivana', 'Kovačević'], ['Marko', 'Babić']) },
  ],
};

export const ECCIPA: DemoNetwork = {
  slug: 'eccipa',
  name: 'ECCIPA partnership',
  description: 'Erasmus+ partnership on intercultural competences of staff working with migrants.',
  project: { code: 'ECCIPA', name: 'ECCIPA: European Competences for Civic Integration Programme Actors', programme: 'Erasmus+ KA2', startsOn: '2021-11-01', endsOn: '2024-04-30', status: 'closed' },
  members: [
    { slug: 'kreis-offenbach', name: 'Kreis Offenbach', legalName: 'Kreis Offenbach', kind: 'county', country: 'DE', region: 'DE-HE', timeZone: 'Europe/Berlin', languages: ['de'], role: 'coordinator', experienceLevel: 'mentoring', people: liaisonAndOfficer(['Miriam', 'Schäfer'], ['Lukas', 'Weber']) },
    { slug: 'ravenna', name: 'Ravenna', legalName: 'Comune di Ravenna', kind: 'city', country: 'IT', region: 'IT-45', timeZone: 'Europe/Rome', languages: ['it'], role: 'partner', experienceLevel: 'implementing', people: liaisonAndOfficer(['Francesca', 'Ricci'], ['Luca', 'Romano']) },
    { slug: 'cartagena', name: 'Cartagena', legalName: 'Ayuntamiento de Cartagena', kind: 'city', country: 'ES', region: 'ES-MC', timeZone: 'Europe/Madrid', languages: ['es'], role: 'partner', experienceLevel: 'implementing', people: liaisonAndOfficer(['Lucía', 'Martínez'], ['Carlos', 'Sánchez']) },
    { slug: 'accem', name: 'ACCEM', legalName: 'Asociación Comisión Católica Española de Migración', kind: 'partner-organisation', country: 'ES', region: 'ES-MD', timeZone: 'Europe/Madrid', languages: ['es'], role: 'partner', people: [['Elena', 'García', ['expert', 'trainer']]] },
  ],
};

export const DEMO_NETWORKS = [CONNECTION, ECCIPA];
