import { registerEnumType } from 'type-graphql';

/** What a published forecast version replaces (DESIGN.md, Planning collaboration). */
export enum ForecastScope {
  /** The whole forecast: item x locations it does not list have no demand any more. */
  FULL = 'FULL',
  /** Only the item x locations it lists: the others carry over from the previous version. */
  LISTED = 'LISTED',
}

registerEnumType(ForecastScope, {
  name: 'ForecastScope',
  description:
    'FULL: the version replaces the whole forecast. LISTED: it replaces only the item x locations present in its lines; the others carry over from the previous version.',
  valuesConfig: {
    FULL: { description: 'the whole forecast: item x locations the version does not list have no demand any more' },
    LISTED: { description: 'only the item x locations the version lists; the others carry over from the previous version' },
  },
});

