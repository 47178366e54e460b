/** The demo company "Nordwind Logistik": a regional tree and 12 sites in Germany, Austria, Switzerland and Poland. */
export const DEMO_REGIONS = [
  { code: 'EU', name: 'Europe', parent: null },
  { code: 'DE-NORTH', name: 'Germany North', parent: 'EU' },
  { code: 'DE-SOUTH', name: 'Germany South', parent: 'EU' },
  { code: 'ALPS', name: 'Austria & Switzerland', parent: 'EU' },
  { code: 'PL', name: 'Poland', parent: 'EU' },
] as const;

export const DEMO_BRANCHES = [
  { code: 'DE-HAM-01', name: 'Hamburg Hafen', country: 'DE', timezone: 'Europe/Berlin', region: 'DE-NORTH' },
  { code: 'DE-BRE-01', name: 'Bremen GVZ', country: 'DE', timezone: 'Europe/Berlin', region: 'DE-NORTH' },
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
  { code: 'DE-NUE-01', name: 'Nürnberg Hafen', country: 'DE', timezone: 'Europe/Berlin', region: 'DE-SOUTH' },
  { code: 'AT-VIE-01', name: 'Wien Inzersdorf', country: 'AT', timezone: 'Europe/Vienna', region: 'ALPS' },
  { code: 'AT-GRZ-01', name: 'Graz Puntigam', country: 'AT', timezone: 'Europe/Vienna', region: 'ALPS' },
  { code: 'CH-ZRH-01', name: 'Zürich Altstetten', country: 'CH', timezone: 'Europe/Zurich', region: 'ALPS' },
  { code: 'CH-BSL-01', name: 'Basel Dreispitz', country: 'CH', timezone: 'Europe/Zurich', region: 'ALPS' },
  { code: 'PL-WAW-01', name: 'Warszawa Okęcie', country: 'PL', timezone: 'Europe/Warsaw', region: 'PL' },
  { code: 'PL-POZ-01', name: 'Poznań Franowo', country: 'PL', timezone: 'Europe/Warsaw', region: 'PL' },
] as const;
