/**
 * Contract coordinates not implemented yet, with the issue that brings them.
 * A type name covers all its fields; "Type.field" covers one field and its
 * arguments. The contract test fails when something listed here exists
 * (then delete the line) or something not listed is missing or incompatible.
 */
export const PENDING: Record<string, string> = {
  // Issue 6: backup-supplier selector.
  'Alert.reallocation': 'issue 6',
  ReallocationStatus: 'issue 6',
  CandidateVerdict: 'issue 6',
  ReallocationCandidate: 'issue 6',
  ReallocationMove: 'issue 6',
  ReallocationProposal: 'issue 6',
  SourcingMode: 'issue 6',
  SourcingPolicyInput: 'issue 6',
  ReallocationProposalEdge: 'issue 6',
  ReallocationProposalConnection: 'issue 6',
  'Query.reallocationProposals': 'issue 6',
  'Mutation.setSourcingPolicy': 'issue 6',
  'Mutation.proposeReallocation': 'issue 6',
  'Mutation.applyReallocation': 'issue 6',
  'Mutation.dismissReallocation': 'issue 6',
};

export function isPending(coordinate: string): boolean {
  const [type, rest] = coordinate.split('.');
  if (type in PENDING) return true;
  const field = rest?.replace(/\(.*$/, '');
  return field !== undefined && `${type}.${field}` in PENDING;
}
