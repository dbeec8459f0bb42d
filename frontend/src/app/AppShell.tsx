import { Suspense, useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { roleLabels } from '../auth/roles';
import { useAuth, useCurrentUser } from '../auth/AuthProvider';
import { Icon } from '../components/Icon';
import { useToast } from '../components/Toasts';
import { errorMessage } from '../api/errors';
import { entryForPath, groupBySection, navigationFor } from './navigation';
import { PhoneProvider } from '../features/phone/PhoneProvider';
import { PhoneDock } from '../features/phone/PhonePanel';
import styles from './AppShell.module.css';

/** The frame around every signed-in page: sidebar navigation (an off-canvas drawer on narrow screens) and content. */
export function AppShell() {
  const user = useCurrentUser();
  const { logout } = useAuth();
  const toast = useToast();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const groups = groupBySection(navigationFor(user.role));

  // Following a link on a phone closes the menu, so the page is visible; the tab shows where the user is.
  useEffect(() => {
    setMenuOpen(false);
    const entry = entryForPath(location.pathname);
    document.title = entry ? `${entry.label} · BotPBX` : 'BotPBX';
  }, [location.pathname]);

  const signOut = async () => {
    try {
      await logout();
    } catch (error) {
      toast.error(errorMessage(error));
    }
    navigate('/login', { replace: true });
  };

  return (
    <PhoneProvider>
      <div className={styles.shell}>
        <header className={styles.topbar}>
          <button
            type="button"
            className={styles.menuButton}
            onClick={() => setMenuOpen(true)}
            aria-label="Open navigation"
            aria-expanded={menuOpen}
            aria-controls="sidebar"
          >
            <Icon name="menu" size={20} />
          </button>
          <span className={styles.brandText}>BotPBX</span>
        </header>

        {menuOpen && <div className={styles.scrim} onClick={() => setMenuOpen(false)} aria-hidden="true" />}

        <aside id="sidebar" className={`${styles.sidebar} ${menuOpen ? styles.open : ''}`}>
          <div className={styles.brand}>
            <span className={styles.logo} aria-hidden="true">
              B
            </span>
            <span className={styles.brandText}>BotPBX</span>
            <button
              type="button"
              className={styles.closeButton}
              onClick={() => setMenuOpen(false)}
              aria-label="Close navigation"
            >
              <Icon name="close" size={18} />
            </button>
          </div>
          <nav className={styles.nav} aria-label="Main">
            {groups.map((group) => (
              <div key={group.section} className={styles.group}>
                <p className={styles.section}>{group.section}</p>
                <ul>
                  {group.entries.map((entry) => (
                    <li key={entry.path}>
                      <NavLink
                        to={entry.path}
                        end={entry.path === '/'}
                        className={({ isActive }) => `${styles.link} ${isActive ? styles.active : ''}`}
                      >
                        <Icon name={entry.icon} size={18} />
                        <span>{entry.label}</span>
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </nav>
          <div className={styles.account}>
            <div className={styles.avatar} aria-hidden="true">
              {(user.name || user.email).slice(0, 1).toUpperCase()}
            </div>
            <div className={styles.who}>
              <span className={styles.name} data-testid="current-user">
                {user.name || user.email}
              </span>
              <span className={styles.role}>{roleLabels[user.role]}</span>
            </div>
            <button type="button" className={styles.signOut} onClick={signOut} title="Sign out" aria-label="Sign out">
              <Icon name="logout" size={18} />
            </button>
          </div>
        </aside>

        <main className={styles.content}>
          <Suspense fallback={<div className={styles.loading}>Loading…</div>}>
            <Outlet />
          </Suspense>
        </main>
        {/* The browser phone docks on every page, so calls go on while the user moves around. */}
        <PhoneDock />
      </div>
    </PhoneProvider>
  );
}
