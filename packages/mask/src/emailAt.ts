/**
 * What tells an email address apart before its pattern runs: an `@`, or one written out so scrapers miss it and
 * readers do not (`(at)`, `[at]`, `{at}`). Shared by the email detector and the default detectors' prefilter.
 */
export const EMAIL_AT = /@|[[({] ?[Aa][Tt] ?[\])}]/;
