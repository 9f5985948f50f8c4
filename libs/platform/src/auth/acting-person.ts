import { v5 as uuidv5, validate as isUuid } from 'uuid';
import { CallContexts } from '@intercity/persistence';

/** Names ids derived from identity-provider subjects that are not UUIDs themselves. */
const SUBJECT_NAMESPACE = '6f1c1c56-3b1e-5d0a-9a43-5d7f1f0e2a11';

/**
 * The id events record for who acted (`registeredBy`, `submittedBy`): the subject of the verified
 * token when it is a UUID, otherwise a stable UUID derived from it, so the same person always has
 * the same id. Work with no person behind it (events, jobs) is the service's own.
 */
export function actingPersonId(): string {
  const { principal, actor } = CallContexts.current();
  const subject = principal?.subject ?? `${actor.kind}:${actor.id}`;
  return isUuid(subject) ? subject : uuidv5(subject, SUBJECT_NAMESPACE);
}
