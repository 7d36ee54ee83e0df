import { i18n } from '../i18n';

/** A field the api found wrong, as the validation pipe reports it. */
export interface FieldIssue {
  path: string;
  message: string;
  /** zod's issue code (`too_small`, `too_big`, `invalid_format`…) and its bound, when there is one. */
  code?: string;
  minimum?: number;
  maximum?: number;
}

/** The api's error body: `{statusCode, message, code?, errors?}`. */
export interface ErrorBody {
  message?: unknown;
  code?: unknown;
  errors?: FieldIssue[];
}

const t = (key: string, options?: Record<string, unknown>) => i18n.t(key, options ?? {});
const has = (key: string) => i18n.exists(key, { lng: i18n.language, fallbackLng: [] });

/** A field's name in the page's language (the path as it is for one the studio has no name for). */
function fieldName(path: string): string {
  const key = `errors.fields.${path.replace(/\.\d+(?=\.|$)/g, '')}`;
  return has(key) ? t(key) : path;
}

function issueText(issue: FieldIssue): string {
  if (issue.code === 'too_small' && issue.minimum !== undefined)
    return t('errors.tooShort', { min: issue.minimum });
  if (issue.code === 'too_big' && issue.maximum !== undefined)
    return t('errors.tooLong', { max: issue.maximum });
  return has(`errors.issue.${issue.code}`) ? t(`errors.issue.${issue.code}`) : issue.message;
}

/**
 * What the user reads when the api refuses: in the page's language (a room's refusal by its code, a field by
 * its name and what is wrong with it, an expired sign-in as such), never the api's English for the developer.
 * A refusal the studio has no words for keeps the api's own message.
 */
export function errorText(status: number, body: ErrorBody | undefined): string {
  const code = typeof body?.code === 'string' ? body.code : undefined;
  if (code && has(`errors.codes.${code}`)) return t(`errors.codes.${code}`);
  if (Array.isArray(body?.errors) && body.errors.length > 0)
    return `${t('errors.invalid')}${body.errors.map((e) => `${fieldName(e.path)} ${issueText(e)}`).join(t('errors.separator'))}`;
  if (status === 401) return t('errors.unauthorised');
  if (status === 403) return t('errors.forbidden');
  if (status === 404) return t('errors.notFound');
  if (status === 413) return t('errors.tooLarge');
  if (status >= 500) return t('errors.server', { status });
  return typeof body?.message === 'string' ? body.message : t('errors.server', { status });
}

/** A room command's refusal (`{code, message}` in a socket acknowledgement), in the page's language. */
export function commandErrorText(error: { code: string; message: string }): string {
  return has(`errors.codes.${error.code}`) ? t(`errors.codes.${error.code}`) : error.message;
}
