/** One person the demo identity provider offers to sign in as, with what it asserts about them. */
export interface DemoIdpPerson {
  /** Stable key posted by the page's button, e.g. `hr-admin`. */
  key: string;
  /** Shown on the button, e.g. the person's name. */
  label: string;
  /** Shown under the label, e.g. the role and branch. */
  description: string;
  nameId: string;
  /** Default: persistent. */
  nameIdFormat?: string;
  /** SAML attributes, e.g. employeeNumber, email, givenName, sn, branchCode, groups. */
  attributes: Record<string, string | string[]>;
}

/** Where the demo identity provider's people come from. The default reads the demo company's staff. */
export interface DemoIdpPeople {
  list(): Promise<DemoIdpPerson[]>;
}

/** Injection token of the {@link DemoIdpPeople} in use. */
export const DEMO_IDP_PEOPLE = Symbol('DEMO_IDP_PEOPLE');

/** Group names the demo identity provider asserts; Brevet's group-to-role mapping reads them. */
export const DEMO_IDP_GROUPS = {
  hrAdmins: 'brevet-hr-admins',
  regionalManagers: (regionCode: string) => `brevet-regional-managers-${regionCode}`,
  branchManagers: (branchCode: string) => `brevet-branch-managers-${branchCode}`,
  employees: 'brevet-employees',
} as const;
