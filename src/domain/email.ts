/**
 * What the product takes for an email address (sign-up, a respondent's contact, a corrected contact): one `@`
 * between a local part and a dotted domain, no spaces. Deliverability is the mail server's answer, not this.
 */
export const isEmailAddress = (value: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
