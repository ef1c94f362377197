import type { RequestPlugin } from './request-plugins';
import type { OperationDefinitionNode } from 'graphql';
import type { Caller, RequestContext } from '../core/context';
import type { Logger } from '../logger';
import { operationLabel } from './metrics';

const MAX_NAME = 100;
const MAX_CODES = 20;

/** How one GraphQL operation went, over either transport. */
export interface OperationOutcome {
  operation?: OperationDefinitionNode | null;
  operationName?: string | null;
  caller?: Caller | null;
  ms: number;
  /** extensions.code of each error answered (UNKNOWN when it has none). */
  codes: string[];
  /** Only WebSocket operations say so (HTTP is the default). */
  transport?: 'websocket';
}

/** Where an operation's figures go: the duration histogram (by operation label) and the error counter (by code). */
export interface OperationMetrics {
  observe(operation: string, seconds: number): void;
  countErrors(codes: string[]): void;
}

export type RecordOperation = (log: Logger, outcome: OperationOutcome) => void;

/**
 * The one record of a GraphQL operation, HTTP or WebSocket, refused or run:
 * one structured line on the operation's logger (so with its requestId:
 * the request's, or "<connection id>/<operation id>"), what ran (the
 * client's operation name, if any, and always the type and first root
 * field), for whom, how long, which error codes (never the query's text or
 * variables); and the same figures in the metrics.
 */
export function operationRecorder(metrics: OperationMetrics): RecordOperation {
  return (log, outcome) => {
    const label = operationLabel(outcome.operation ?? undefined);
    const codes = outcome.codes;
    metrics.observe(label, outcome.ms / 1000);
    metrics.countErrors(codes);
    log.info(
      {
        operation: label,
        ...(outcome.operationName ? { operationName: outcome.operationName.slice(0, MAX_NAME) } : {}),
        ...(outcome.transport ? { transport: outcome.transport } : {}),
        organizationId: outcome.caller?.organizationId,
        callerType: outcome.caller?.type,
        ms: outcome.ms,
        ...(codes.length ? { errorCodes: codes.slice(0, MAX_CODES), ...(codes.length > MAX_CODES ? { errorCount: codes.length } : {}) } : {}),
      },
      'graphql operation',
    );
  };
}

/** The codes of errors as answered (UNKNOWN for one without extensions.code). */
export const codesOf = (errors: readonly { extensions?: Record<string, unknown> | null }[] | null | undefined): string[] =>
  (errors ?? []).map((e) => String(e.extensions?.code ?? 'UNKNOWN'));

/** Records every GraphQL operation over HTTP that reached Apollo's pipeline (refusals before it: see app.ts). */
export function requestLogPlugin(record: RecordOperation): RequestPlugin<RequestContext> {
  return {
    requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        willSendResponse({ operationName, operation, errors, response }) {
          const body = response.body;
          const resultErrors = body.kind === 'single' ? body.singleResult.errors : undefined;
          record(contextValue.log, {
            operation,
            operationName,
            caller: contextValue.caller,
            ms: Number(process.hrtime.bigint() - started) / 1e6,
            codes: codesOf(resultErrors ?? errors),
          });
        },
      };
    },
  };
}
