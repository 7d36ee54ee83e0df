import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client';
import type { StudioIdentity } from '../session-store';

/**
 * Instructors and trainees sign in or register (the account type chosen at registration); hosts and
 * operators can also join one room with its staff code, without an account.
 */
export function SignIn({ onSignedIn }: { onSignedIn: (identity: StudioIdentity) => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'login' | 'register' | 'staff'>('staff');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [role, setRole] = useState<'host' | 'operator'>('host');
  const [accountRole, setAccountRole] = useState<'instructor' | 'trainee'>('trainee');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const done =
      mode === 'staff'
        ? api.join(code, name, role).then((joined) =>
            onSignedIn({
              kind: 'staff',
              token: joined.token,
              name: joined.name,
              roomId: joined.roomId,
              role: joined.role === 'operator' ? 'operator' : 'host',
            }),
          )
        : (mode === 'login'
            ? api.login(username, password)
            : api.register(username, password, name, accountRole)
          ).then((auth) =>
            onSignedIn({
              kind: auth.user.role === 'trainee' ? 'trainee' : 'instructor',
              token: auth.token,
              name: auth.user.displayName,
            }),
          );
    done
      .catch((caught: unknown) =>
        setError(
          caught instanceof ApiError && caught.status === 429
            ? t('auth.tooMany', { seconds: caught.retryAfterSec ?? 60 })
            : caught instanceof Error
              ? caught.message
              : String(caught),
        ),
      )
      .finally(() => setBusy(false));
  };

  return (
    <section className="panel sign-in" data-testid="sign-in">
      <div className="tabs">
        {(['staff', 'login', 'register'] as const).map((m) => (
          <button
            key={m}
            type="button"
            className={mode === m ? 'tab active' : 'tab'}
            onClick={() => setMode(m)}
          >
            {t(`auth.${m}`)}
          </button>
        ))}
      </div>
      <form onSubmit={submit} className="form">
        {mode === 'staff' ? (
          <>
            <label>
              {t('auth.staffCode')}
              <input
                name="code"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                required
                autoComplete="off"
              />
            </label>
            <label>
              {t('auth.role')}
              <select
                name="role"
                value={role}
                onChange={(e) => setRole(e.target.value as 'host' | 'operator')}
              >
                <option value="host">{t('roles.host')}</option>
                <option value="operator">{t('roles.operator')}</option>
              </select>
            </label>
          </>
        ) : (
          <>
            <label>
              {t('auth.username')}
              <input
                name="username"
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                required
                autoComplete="username"
              />
            </label>
            <label>
              {t('auth.password')}
              <input
                name="password"
                type="password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                required
              />
            </label>
          </>
        )}
        {mode === 'register' && (
          <label>
            {t('auth.accountRole')}
            <select
              name="accountRole"
              value={accountRole}
              onChange={(e) => setAccountRole(e.target.value as 'instructor' | 'trainee')}
            >
              <option value="trainee">{t('auth.kind.trainee')}</option>
              <option value="instructor">{t('auth.kind.instructor')}</option>
            </select>
          </label>
        )}
        {mode !== 'login' && (
          <label>
            {t('auth.displayName')}
            <input name="name" value={name} onChange={(e) => setName(e.target.value)} required />
          </label>
        )}
        {error && <p className="bad">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>
          {t(`auth.submit.${mode}`)}
        </button>
      </form>
    </section>
  );
}
