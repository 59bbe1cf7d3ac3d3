/**
 * The mail adapter: {@link io.invitekit.adapter.mail.SmtpMailSender} (Jakarta Mail over SMTP) and
 * {@link io.invitekit.adapter.mail.ConsoleMailSender} (the fallback without an SMTP host) implement
 * the application's {@code MailSender} port; {@link io.invitekit.adapter.mail.MailRenderer} turns
 * typed mail into subject, plain text and HTML, with wording from {@code messages*.properties}.
 * Nothing of Jakarta Mail leaves this package: failures become {@code MailDeliveryException}s,
 * permanent when a retry could not help.
 */
package io.invitekit.adapter.mail;
