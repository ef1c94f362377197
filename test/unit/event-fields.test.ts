import 'reflect-metadata';
import { parse, type GraphQLSchema } from 'graphql';
import { getSchema } from '../../src/schema';
import { eventSelectionNeedsNoDatabase } from '../../src/shared/event-fields';

/** Which subscription events run without a database transaction (src/server/shared-subscription-results.ts). */
let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await getSchema();
});

const fromEvent = (query: string, operationName?: string) => eventSelectionNeedsNoDatabase(schema, parse(query), operationName);

describe('eventSelectionNeedsNoDatabase', () => {
  it('is true for an alert stream selecting only the alert\'s own scalar fields, through fragments too', () => {
    expect(fromEvent('subscription { alerts { cursor type message createdAt id __typename } }')).toBe(true);
    expect(fromEvent('subscription { alerts(after: null) { ...A ... on Alert { cursor } } } fragment A on Alert { type message }')).toBe(true);
  });

  it('is false as soon as a linked object is selected, however deep in fragments', () => {
    expect(fromEvent('subscription { alerts { cursor purchaseOrder { id } } }')).toBe(false);
    expect(fromEvent('subscription { alerts { ...A } } fragment A on Alert { ...B } fragment B on Alert { shortageRisk { level } }')).toBe(false);
    expect(fromEvent('subscription { alerts { type reallocation { id } } }')).toBe(false);
  });

  it('is false for a type not marked as resolved from the event, and for anything but a subscription', () => {
    expect(fromEvent('subscription { shortageRiskChanged { level } }')).toBe(false);
    expect(fromEvent('query { me { id } }')).toBe(false);
    expect(fromEvent('subscription S { alerts { cursor } } subscription T { alerts { purchaseOrder { id } } }', 'T')).toBe(false);
    expect(fromEvent('subscription S { alerts { cursor } } subscription T { alerts { purchaseOrder { id } } }', 'S')).toBe(true);
  });

  it('survives a fragment cycle (validation refuses it later) without looping', () => {
    expect(fromEvent('subscription { alerts { ...A } } fragment A on Alert { cursor ...B } fragment B on Alert { ...A }')).toBe(true);
  });
});
