import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { AppConfig } from '../../config/app-config';

export interface OutgoingMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** SMTP when SMTP_URL is set (one pooled transport per process); otherwise nothing leaves the machine. */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private transport: Transporter | null = null;

  constructor(private readonly config: AppConfig) {}

  get configured(): boolean {
    return this.config.smtpUrl !== null;
  }

  async send(mail: OutgoingMail): Promise<void> {
    this.transport ??= nodemailer.createTransport({ url: this.config.smtpUrl!, pool: true, maxConnections: 5 }, { from: this.config.mailFrom });
    await this.transport.sendMail({
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      // The same id on every attempt, so a relay or a mailbox can recognise a repeat.
      messageId: `<${mail.id}@duthao>`,
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
