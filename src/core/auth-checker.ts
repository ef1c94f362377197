import type { AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from '../shared/errors';
import { Role } from './tenancy.enums';
import type { AccessRule } from './access';
import type { RequestContext } from './context';

/** The one place that decides whether a caller may run an operation (see AccessRule). */
export const authChecker: AuthChecker<RequestContext, AccessRule> = ({ context }, rules) => {
  const caller = context.caller;
  if (!caller) throw unauthenticated(context.authProblem);
  for (const rule of rules) {
    if (rule.kinds && !rule.kinds.includes(caller.organizationKind)) {
      throw forbidden(`Only ${rule.kinds.map((k) => k.toLowerCase()).join(' or ')} organizations may do this`);
    }
    if (caller.type === 'apiKey') {
      // Users, keys and partners are managed by people: a leaked key must not mint keys or cut off partners.
      if (rule.scope === null) throw forbidden('API keys cannot manage users, keys or partners; sign in as an ADMIN');
      if (!caller.scopes?.includes(rule.scope)) throw forbidden(`This API key lacks the "${rule.scope}" scope`);
    } else if (rule.roles && caller.role !== Role.ADMIN && !rule.roles.includes(caller.role)) {
      throw forbidden(`The ${caller.role} role may not do this`);
    }
  }
  return true;
};
