import type { JoinResponse } from '@livelab/contracts';
import { useTranslation } from 'react-i18next';
import { useRoomSummary } from '../hooks/use-room-summary';

/** The planned start of the stream, if the instructor set one, in the phone's own time zone. */
export function StartsAt({ joined }: { joined: JoinResponse }) {
  const { t, i18n } = useTranslation();
  const startsAt = useRoomSummary(joined)?.settings.startsAt;
  if (!startsAt) return null;
  const time = new Date(startsAt).toLocaleString(i18n.language, {
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  return (
    <p className="starts-at" data-testid="starts-at">
      {t('waiting.startsAt', { time })}
    </p>
  );
}
