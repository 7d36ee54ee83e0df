import { useState } from 'react';
import { QRCodeSVG } from 'qrcode.react';
import { useTranslation } from 'react-i18next';

/** Where a phone joins this room: the viewer app with the join code filled in. */
export const watchLink = (joinCode: string): string =>
  `${window.location.origin}/watch/?room=${encodeURIComponent(joinCode)}`;

/** The join link as a QR code for phones, with the link itself to copy. */
export function JoinQr({ joinCode, size = 168 }: { joinCode: string; size?: number }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const link = watchLink(joinCode);
  const copy = () => {
    void navigator.clipboard?.writeText(link).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <figure className="join-qr" data-testid="join-qr" data-link={link}>
      <QRCodeSVG value={link} size={size} marginSize={2} level="M" title={link} />
      <figcaption>
        <span className="muted">{t('invite.hint')}</span>
        <a href={link} target="_blank" rel="noreferrer" className="code" data-testid="join-link">
          {link}
        </a>
        <button type="button" className="link" onClick={copy}>
          {copied ? t('invite.copied') : t('invite.copy')}
        </button>
      </figcaption>
    </figure>
  );
}
