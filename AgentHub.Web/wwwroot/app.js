// The few behaviours of AgentHub's static shell (see docs/decisions/0005-static-shell.md). Everything else is
// rendered by the page's circuit.
window.agentHub = (() => {
  // The drawer: the menu button opens and closes it, with the classes MudDrawer itself would set. Below the md
  // breakpoint the static drawer starts closed (MudBlazor hides a responsive drawer that is still "initial").
  const narrow = window.matchMedia('(max-width: 959px)');
  const drawerParts = () => {
    const drawer = document.getElementById('app-drawer');
    return { drawer, layout: drawer?.closest('.mud-layout') };
  };
  const setDrawer = open => {
    const { drawer, layout } = drawerParts();
    if (!drawer || !layout) {
      return;
    }
    drawer.classList.remove('mud-drawer--initial');
    drawer.classList.toggle('mud-drawer--open', open);
    drawer.classList.toggle('mud-drawer--closed', !open);
    layout.classList.toggle('mud-drawer-open-responsive-md-left', open);
    layout.classList.toggle('mud-drawer-close-responsive-md-left', !open);
    document.querySelector('[data-drawer-toggle]')?.setAttribute('aria-expanded', String(open));
    // On a phone the open drawer lies over the page: a backdrop behind it closes it on a click.
    const backdrop = document.querySelector('[data-drawer-backdrop]');
    if (backdrop) {
      backdrop.hidden = !(open && narrow.matches);
    }
  };
  const drawerIsOpen = () => {
    const { drawer } = drawerParts();
    return !!drawer && drawer.classList.contains('mud-drawer--open') && !(narrow.matches && drawer.classList.contains('mud-drawer--initial'));
  };
  // A page load re-renders the static drawer open; a wide screen keeps the user's choice for the tab's session.
  const restoreDrawer = () => {
    if (!narrow.matches && sessionStorage.getItem('agentHub.drawer') === 'closed') {
      setDrawer(false);
    }
  };
  restoreDrawer();
  window.Blazor?.addEventListener?.('enhancedload', restoreDrawer);

  document.addEventListener('click', event => {
    const toggle = event.target.closest('[data-drawer-toggle]');
    if (toggle) {
      const open = !drawerIsOpen();
      setDrawer(open);
      if (!narrow.matches) {
        sessionStorage.setItem('agentHub.drawer', open ? 'open' : 'closed');
      }
      return;
    }

    // The skip link moves the focus itself: Blazor's navigation only scrolls to a fragment.
    const skip = event.target.closest('a.skip-link');
    if (skip) {
      const main = document.getElementById('main-content');
      if (main) {
        event.preventDefault();
        main.focus();
        main.scrollIntoView();
      }
      return;
    }

    if (event.target.closest('[data-drawer-backdrop]')) {
      setDrawer(false);
      return;
    }

    // The account menu is a <details>: a click anywhere else closes it.
    for (const menu of document.querySelectorAll('details[data-account-menu][open]')) {
      if (!menu.contains(event.target)) {
        menu.open = false;
      }
    }
  });

  document.addEventListener('keydown', event => {
    if (event.key === 'Escape') {
      for (const menu of document.querySelectorAll('details[data-account-menu][open]')) {
        menu.open = false;
        menu.querySelector('summary')?.focus();
      }
      // On a phone the open drawer covers the page: Escape closes it and gives the focus back to its button.
      if (narrow.matches && drawerIsOpen()) {
        setDrawer(false);
        document.querySelector('[data-drawer-toggle]')?.focus();
      }
    }
  });

  // The browser's time zone (Intl): sent with the sign-in form, and posted once when it differs from the account's.
  const browserZone = (() => {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    } catch {
      return '';
    }
  })();
  const shareTimeZone = () => {
    for (const input of document.querySelectorAll('input[data-browser-timezone]')) {
      input.value = browserZone;
    }
    const form = document.querySelector('form[data-timezone-form]');
    if (form && browserZone && form.dataset.knownZone !== browserZone && sessionStorage.getItem('agentHub.zoneSent') !== browserZone) {
      sessionStorage.setItem('agentHub.zoneSent', browserZone);
      const body = new FormData(form);
      body.set('timeZone', browserZone);
      fetch(form.action, { method: 'POST', body, credentials: 'same-origin' })
        .then(response => {
          // The times on this page were written in the old zone: show them again in the new one.
          if (response.ok && document.querySelector('time[datetime]')) {
            location.reload();
          }
        })
        .catch(() => sessionStorage.removeItem('agentHub.zoneSent'));
    }
  };
  shareTimeZone();
  window.Blazor?.addEventListener?.('enhancedload', shareTimeZone);

  // A MudBlazor dialog gives the focus back to <body> when it closes: give it back to what opened it instead. Only
  // when a dialog has just closed: focus a person left on <body> themselves (a tap on text) stays where it is.
  let lastFocus = null;
  let dialogOpen = false;
  document.addEventListener('focusin', event => {
    if (!event.target.closest('.mud-dialog-container, .mud-popover')) {
      lastFocus = event.target;
    }
  });
  new MutationObserver(() => {
    const open = !!document.querySelector('.mud-dialog-container');
    if (dialogOpen && !open && (document.activeElement === document.body || document.activeElement === null) && lastFocus?.isConnected) {
      lastFocus.focus({ preventScroll: true });
    }
    dialogOpen = open;
  }).observe(document.body, { childList: true, subtree: true });

  return {
    // Called by the page's circuit (PageFrame) when the workspace changed: the drawer's "connected/total" per agent.
    // The drawer's Inbox badge: approvals waiting for a decision (hidden at zero).
    setInboxCount(count) {
      const badge = document.querySelector('[data-testid="nav-inbox-count"]');
      if (badge) {
        badge.textContent = `${count}`;
        badge.className = `agent-nav-count ${count > 0 ? "pending" : "empty"}`;
      }
    },
    setNavCounts(json) {
      for (const c of JSON.parse(json)) {
        const badge = document.querySelector(`[data-testid="nav-count-${CSS.escape(c.agent)}"]`);
        if (badge) {
          badge.textContent = `${c.connected}/${c.total}`;
          badge.title = c.title;
          badge.className = `agent-nav-count ${c.level}`;
        }
      }
    },
  };
})();
