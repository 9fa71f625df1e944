/** Thrown when the configuration is wrong; the message names the file, the site and the field. */
export class SitesConfigError extends Error {
  override name = 'SitesConfigError';
}
