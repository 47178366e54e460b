/** The day the demo company's sites joined their regions. */
export const DEMO_SINCE = '2019-01-01';

/** The demo company "Nordwind Logistik": a regional tree and 12 sites in Germany, Austria, Switzerland and Poland. */
export const DEMO_REGIONS = [
  { code: 'EU', name: 'Europe', parent: null },
  { code: 'DE-NORTH', name: 'Germany North', parent: 'EU' },
  { code: 'DE-SOUTH', name: 'Germany South', parent: 'EU' },
  { code: 'ALPS', name: 'Austria & Switzerland', parent: 'EU' },
  { code: 'PL', name: 'Poland', parent: 'EU' },
] as const;

export const DEMO_BRANCHES = [
  {
    code: 'DE-HAM-01',
    address: 'Am Saalehafen 14\n20457 Hamburg',
    name: 'Hamburg Hafen',
    country: 'DE',
    timezone: 'Europe/Berlin',
    region: 'DE-NORTH',
  },
  {
    code: 'DE-BRE-01',
    address: 'Senator-Blase-Straße 4\n28197 Bremen',
    name: 'Bremen GVZ',
    country: 'DE',
    timezone: 'Europe/Berlin',
    region: 'DE-NORTH',
  },
  {
    code: 'DE-BER-01',
    name: 'Berlin Tempelhof',
    country: 'DE',
    timezone: 'Europe/Berlin',
    region: 'DE-NORTH',
  },
  {
    code: 'DE-MUC-01',
    name: 'München Freimann',
    country: 'DE',
    timezone: 'Europe/Berlin',
    region: 'DE-SOUTH',
  },
  {
    code: 'DE-STR-01',
    name: 'Stuttgart Wangen',
    country: 'DE',
    timezone: 'Europe/Berlin',
    region: 'DE-SOUTH',
  },
  {
    code: 'DE-NUE-01',
    address: 'Hafenstraße 21\n90451 Nürnberg',
    name: 'Nürnberg Hafen',
    country: 'DE',
    timezone: 'Europe/Berlin',
    region: 'DE-SOUTH',
  },
  {
    code: 'AT-VIE-01',
    address: 'Ketzergasse 120\n1230 Wien',
    name: 'Wien Inzersdorf',
    country: 'AT',
    timezone: 'Europe/Vienna',
    region: 'ALPS',
  },
  {
    code: 'AT-GRZ-01',
    address: 'Triester Straße 355\n8055 Graz',
    name: 'Graz Puntigam',
    country: 'AT',
    timezone: 'Europe/Vienna',
    region: 'ALPS',
  },
  {
    code: 'CH-ZRH-01',
    address: 'Hohlstrasse 550\n8048 Zürich',
    name: 'Zürich Altstetten',
    country: 'CH',
    timezone: 'Europe/Zurich',
    region: 'ALPS',
  },
  {
    code: 'CH-BSL-01',
    address: 'Dreispitzstrasse 20\n4142 Münchenstein',
    name: 'Basel Dreispitz',
    country: 'CH',
    timezone: 'Europe/Zurich',
    region: 'ALPS',
  },
  {
    code: 'PL-WAW-01',
    address: 'ul. Łopuszańska 38\n02-232 Warszawa',
    name: 'Warszawa Okęcie',
    country: 'PL',
    timezone: 'Europe/Warsaw',
    region: 'PL',
  },
  {
    code: 'PL-POZ-01',
    address: 'ul. Szwedzka 5\n61-285 Poznań',
    name: 'Poznań Franowo',
    country: 'PL',
    timezone: 'Europe/Warsaw',
    region: 'PL',
  },
] as const;

/**
 * A break-glass HR admin account of the demo company, so the demo can be tried even without SSO. Only
 * created by the demo seed (embedded mode by default); the README tells how to sign in with it.
 */
export const DEMO_ADMIN = {
  email: 'admin@nordwind.example',
  password: 'nordwind-demo',
  displayName: 'Demo HR admin',
} as const;
