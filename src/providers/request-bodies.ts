/** Bodies for the mutating endpoints the suite calls on uat targets: minimal, valid, uniquely named. */
import { randomUUID } from 'node:crypto';

type BodyFactory = () => Record<string, unknown>;

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
  spotnanaUser: () => {
    const tag = randomUUID().slice(0, 8);
    return {
      persona: 'EMPLOYEE',
      personalInfo: { name: { given: 'Contract', family: `Suite ${tag}` }, email: `contract.suite.${tag}@example.com` },
      businessInfo: { email: `contract.suite.${tag}@example.com` },
    };
  },
  spotdraftCounterParty: () => ({ name: `Contract Suite ${randomUUID().slice(0, 8)}` }),
};
