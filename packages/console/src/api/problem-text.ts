import type { TFunction } from 'i18next';
import { ApiError } from './client';

/** What to tell the user about a failed call, in their language (the API's detail kept where it helps). */
export function problemText(error: unknown, t: TFunction<'common'>): string {
  if (!(error instanceof ApiError)) return t('errors.unknown', { detail: String(error) });
  const detail = error.problem.detail ?? error.problem.title ?? '';
  switch (error.status) {
    case 0:
      return t('errors.network');
    case 401:
      return t('errors.unauthorised');
    case 403:
      return t('errors.forbidden');
    case 404:
      return t('errors.notFound');
    case 409:
    case 412:
      return t('errors.conflict');
    case 400:
    case 422:
      return t('errors.invalid', { detail });
    default:
      return t('errors.unknown', { detail });
  }
}
