// Password rules as you type (Register, Change password): under a new-password field the page renders
//   <ul class="password-rules" data-password-rules-for="{input id}"> <li data-rule="length" data-value="10"> ... </ul>
// with the rules of the configured Identity password options that are on. This checks each rule exactly as Identity's
// PasswordValidator does on the server (ASCII letters and digits; lengths and distinct characters in UTF-16 code
// units, as .NET counts them), marks a met rule with the class `met` and swaps its visually hidden "met"/"not met" text.
(() => {
  // char.IsWhiteSpace's characters: a password of only these is "too short" whatever its length.
  const onlyWhiteSpace = /^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;
  const checks = {
    length: (password, n) => !onlyWhiteSpace.test(password) && password.length >= n,
    unique: (password, n) => new Set(password.split('')).size >= n,
    digit: password => /[0-9]/.test(password),
    lower: password => /[a-z]/.test(password),
    upper: password => /[A-Z]/.test(password),
    nonalphanumeric: password => /[^A-Za-z0-9]/.test(password),
  };

  const update = list => {
    const input = document.getElementById(list.getAttribute('data-password-rules-for'));
    if (!input) {
      return;
    }

    for (const item of list.querySelectorAll('li[data-rule]')) {
      const check = checks[item.getAttribute('data-rule')];
      if (!check) {
        continue;
      }

      const met = check(input.value, Number(item.getAttribute('data-value')));
      item.classList.toggle('met', met);
      const text = item.querySelector('[data-met-text]');
      const wanted = text?.getAttribute(met ? 'data-met-text' : 'data-unmet-text');
      // Only a change is written, so the live region announces a rule when it flips, not at every keystroke.
      if (text && wanted && text.textContent !== wanted) {
        text.textContent = wanted;
      }
    }
  };

  const updateAll = () => document.querySelectorAll('[data-password-rules-for]').forEach(update);

  document.addEventListener('input', event => {
    const id = event.target?.id;
    if (!id) {
      return;
    }

    for (const list of document.querySelectorAll('[data-password-rules-for]')) {
      if (list.getAttribute('data-password-rules-for') === id) {
        update(list);
      }
    }
  });

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', updateAll);
  } else {
    updateAll();
  }

  // Blazor's enhanced navigation replaces the page's content without a load event.
  const listenForEnhancedLoad = () => window.Blazor?.addEventListener?.('enhancedload', updateAll);
  if (window.Blazor) {
    listenForEnhancedLoad();
  } else {
    document.addEventListener('DOMContentLoaded', listenForEnhancedLoad);
  }
})();
