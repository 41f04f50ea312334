/** Bodies for the mutating endpoints the suite calls on uat targets: minimal, valid, each carrying the run's mark. */
import { newMark, OWNED_MARK } from '../flows/marker.ts';

/** Builds a body from the values the endpoint's `bodyParams` discovered (by name). */
type BodyFactory = (discovered: Readonly<Record<string, string>>) => Record<string, unknown>;

function discoveredValue(discovered: Readonly<Record<string, string>>, name: string, factory: string): string {
  const value = discovered[name];
  if (value === undefined) throw new Error(`the ${factory} body needs {${name}}: name it in the endpoint's bodyParams`);
  return value;
}

const address = {
  Name: 'Contract Suite', Line1: '1 Test Street', City: 'Dublin', PostCode: 'D01 X2Y3', CountryCode: 'IE',
};

export const REQUEST_BODIES: Record<string, BodyFactory> = {
  spreetailOrder: () => {
    const now = new Date();
    return {
      ReferenceNumber: newMark(now).toUpperCase(),
      ReceivedDate: now.toISOString(),
      DispatchBy: new Date(now.getTime() + 2 * 86_400_000).toISOString(),
      Currency: 'EUR',
      PaymentStatus: 'Paid',
      ChannelBuyerName: 'Contract Suite',
      OrderItems: [{ SKU: 'CONTRACT-SKU-1', ItemTitle: 'Contract suite probe item', Qty: 1, PricePerUnit: 1.0, TaxRate: 0.23 }],
      DeliveryAddress: address,
      BillingAddress: address,
    };
  },
  spotnanaUser: (discovered) => {
    const email = `${newMark()}@example.com`;
    return {
      persona: 'EMPLOYEE',
      // `preferred` is optional: the round trip leaves it out of the complete object to tell a replace from a merge.
      personalInfo: { name: { given: 'Contract', family1: 'Suite', preferred: 'Probe' }, email },
      businessInfo: {
        email,
        organizationRef: { id: discoveredValue(discovered, 'companyId', 'spotnanaUser') },
        legalEntityRef: { id: discoveredValue(discovered, 'legalEntityId', 'spotnanaUser') },
      },
    };
  },
  spotdraftCounterParty: () => ({ is_individual: false, organization_name: newMark() }),
  /** The one counter party the suite owns per workspace: its name is unique there, its contact email finds it. */
  spotdraftOwnedCounterParty: () => ({
    is_individual: false, organization_name: OWNED_MARK, contact_name: 'Contract Suite', contact_email: `${OWNED_MARK}@example.com`,
  }),
  spotdraftCounterPartyUpdate: () => ({ brand_name: newMark() }),
};
