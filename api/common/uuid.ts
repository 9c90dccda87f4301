import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ProblemException } from './problem';

/** A malformed id is just an unknown id: the same 404, never a 500 from the database. */
export function notFoundOnBadUuid(): ProblemException {
  return new ProblemException('notFound', 'No such resource. Check the id.');
}

/** The `:id` route parameter, a UUID; anything else is a 404. */
export const IdParam = () => Param('id', new ParseUUIDPipe({ exceptionFactory: notFoundOnBadUuid }));
