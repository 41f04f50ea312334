/** Bodies for the mutating endpoints the suite calls on uat targets: minimal, valid, uniquely named. */
import { randomUUID } from 'node:crypto';

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
      ReferenceNumber: `CONTRACT-${randomUUID()}`,
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
    const tag = randomUUID().slice(0, 8);
    const email = `contract.suite.${tag}@example.com`;
    return {
      persona: 'EMPLOYEE',
      personalInfo: { name: { given: 'Contract', family1: `Suite ${tag}` }, email },
      businessInfo: {
        email,
        organizationRef: { id: discoveredValue(discovered, 'companyId', 'spotnanaUser') },
        legalEntityRef: { id: discoveredValue(discovered, 'legalEntityId', 'spotnanaUser') },
      },
    };
  },
  spotdraftCounterParty: () => ({ is_individual: false, organization_name: `Contract Suite ${randomUUID().slice(0, 8)}` }),
};
