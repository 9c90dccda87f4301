import { Param, type PipeTransform } from '@nestjs/common';
import { ProblemException } from '../common/problem';

/** Longer than any directory id; anything longer is not one. */
export const USER_ID_MAX = 200;

export const unknownUser = () => new ProblemException('notFound', 'No such user in the directory. Check the id.');

/**
 * A directory user's id is the directory's own string (not a UUID): 1 to 200 printable
 * characters. Anything else is just an unknown user: the same 404, never a database error.
 */
class DirectoryUserIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    // eslint-disable-next-line no-control-regex
    if (typeof value !== 'string' || value.length < 1 || value.length > USER_ID_MAX || /[\u0000-\u001f\u007f]/.test(value))
      throw unknownUser();
    return value;
  }
}

/** The `:userId` route parameter. */
export const UserIdParam = () => Param('userId', new DirectoryUserIdPipe());
