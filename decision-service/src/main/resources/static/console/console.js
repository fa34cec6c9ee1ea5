/*
 * The business users' console: head office approves local campaigns and switches offers, store managers and
 * agencies run local campaigns. Every API call sends HTTP Basic credentials held in this closure only, with
 * credentials: "omit", so that the browser neither stores a login of its own nor shows its login dialog on a 401.
 * All texts come from messages.json and all API paths from api.json. Data from the API is written with textContent
 * only, never as HTML.
 */
(() => {
  "use strict";

  const LANGUAGES = ["fr", "en"];
  const LANGUAGE_KEY = "solomo.console.language";
  const OFFER_PAGE_SIZE = 50;
  // Matches the limit of the "stores" entry of api.json.
  const STORE_PAGE_SIZE = 100;
  const HEAD_OFFICE_ROLES = ["MARKETER", "ADMIN"];
  const STORE_ROLE = "LOCAL_MARKETER";

  const state = {
    language: "en",
    messages: {},
    api: {},
    authorization: null,
    user: null,
    pending: [],
    offers: [],
    offersComplete: true,
    templates: [],
    stores: [],
    storesComplete: true,
    mine: []
  };

  const byId = (id) => document.getElementById(id);

  /* Texts, dates and times */

  function t(key, params = {}) {
    const text = state.messages[state.language]?.[key] ?? key;
    return text.replace(/\{([\w-]+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
  }

  function chooseLanguage() {
    const saved = safeStorageGet(LANGUAGE_KEY);
    if (LANGUAGES.includes(saved)) {
      return saved;
    }
    for (const tag of navigator.languages || [navigator.language || ""]) {
      const primary = tag.toLowerCase().split("-")[0];
      if (LANGUAGES.includes(primary)) {
        return primary;
      }
    }
    return "en";
  }

  // The language choice is no secret, so it may be kept. Storage can be off in private windows.
  function safeStorageGet(key) {
    try {
      return window.localStorage.getItem(key);
    } catch (unavailable) {
      return null;
    }
  }

  function safeStorageSet(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch (unavailable) {
      // The choice then lasts until the page is reloaded.
    }
  }

  function locale() {
    return state.language === "fr" ? "fr-FR" : "en-GB";
  }

  /** Formats an ISO day such as 2026-12-04 as "4 décembre 2026" or "4 December 2026", whatever the time zone. */
  function formatDay(isoDay) {
    if (!isoDay) {
      return "";
    }
    const [year, month, day] = isoDay.split("-").map(Number);
    return new Intl.DateTimeFormat(locale(), {day: "numeric", month: "long", year: "numeric", timeZone: "UTC"})
      .format(new Date(Date.UTC(year, month - 1, day)));
  }

  /** Formats an instant in the browser's time zone, with French times written as "23 h 59". */
  function formatInstant(isoInstant) {
    if (!isoInstant) {
      return "";
    }
    const at = new Date(isoInstant);
    const date = new Intl.DateTimeFormat(locale(), {day: "numeric", month: "long", year: "numeric"}).format(at);
    const minutes = String(at.getMinutes()).padStart(2, "0");
    const time = state.language === "fr"
      ? at.getHours() + "\u00A0h\u00A0" + minutes
      : String(at.getHours()).padStart(2, "0") + ":" + minutes;
    return t("dateTime", {date, time});
  }

  function formatNumber(value) {
    return new Intl.NumberFormat(locale()).format(value);
  }

  function applyTexts() {
    document.documentElement.lang = state.language;
    document.title = t("app.title");
    for (const element of document.querySelectorAll("[data-text]")) {
      element.textContent = t(element.dataset.text);
    }
    for (const button of document.querySelectorAll("[data-language]")) {
      button.setAttribute("aria-pressed", String(button.dataset.language === state.language));
    }
    if (state.user) {
      byId("user").textContent = t("signedInAs", {name: state.user.name});
      showScope();
    }
  }

  /* API calls */

  class ApiError extends Error {
    constructor(status, problem) {
      super(problem?.detail || "HTTP " + status);
      this.status = status;
      this.problem = problem || {};
    }
  }

  /** Calls the API entry `name` of api.json, with its {placeholders} taken from params. */
  async function call(name, params = {}, body = undefined, ifMatch = undefined) {
    const entry = state.api[name];
    const path = entry.path.replace(/\{(\w+)\}/g, (whole, key) => encodeURIComponent(params[key] ?? ""));
    const headers = {Accept: "application/json, application/problem+json", Authorization: state.authorization};
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    if (ifMatch !== undefined) {
      headers["If-Match"] = ifMatch;
    }
    let response;
    try {
      response = await fetch(path, {
        method: entry.method, headers, credentials: "omit", cache: "no-store",
        body: body === undefined ? undefined : JSON.stringify(body)
      });
    } catch (network) {
      throw new ApiError(0, null);
    }
    const type = response.headers.get("Content-Type") || "";
    const data = type.includes("json") ? await response.json().catch(() => null) : null;
    if (!response.ok) {
      throw new ApiError(response.status, data);
    }
    return data;
  }

  /* Problems */

  function fieldLabel(field) {
    const base = field.replace(/\[\d+\]$/, "");
    const key = "field." + base;
    return state.messages[state.language]?.[key] ? t(key) : field;
  }

  function clearProblem(box, form) {
    box.hidden = true;
    box.replaceChildren();
    if (form) {
      for (const input of form.querySelectorAll("[aria-invalid]")) {
        input.removeAttribute("aria-invalid");
      }
    }
  }

  /**
   * Shows an API failure in `box`, next to the form or list it concerns. A problem that names a field marks that
   * field of `form` and moves the focus there.
   */
  function showProblem(box, error, form) {
    clearProblem(box, form);
    const lines = [];
    if (!(error instanceof ApiError)) {
      lines.push(t("error.status", {status: "?"}));
      console.error(error);
    } else if (error.status === 0) {
      lines.push(t("error.network"));
    } else if (error.status === 401) {
      signOut(t("error.unauthorized"));
      return;
    } else if (error.status === 403) {
      lines.push(t("error.forbidden"));
      if (error.problem.detail) {
        lines.push(t("error.detail", {detail: error.problem.detail}));
      }
    } else {
      const problem = error.problem;
      lines.push(problem.field ? t("error.field", {field: fieldLabel(problem.field)})
        : t("error.status", {status: error.status}));
      if (problem.field && problem.value !== undefined && problem.value !== null) {
        lines.push(t("error.value", {value: JSON.stringify(problem.value)}));
      }
      if (problem.detail) {
        lines.push(t("error.detail", {detail: problem.detail}));
      }
      const input = problem.field && form?.elements.namedItem(problem.field.replace(/\[\d+\]$/, ""));
      if (input instanceof HTMLElement) {
        input.setAttribute("aria-invalid", "true");
        input.focus();
      }
    }
    for (const line of lines) {
      const paragraph = document.createElement("p");
      paragraph.textContent = line;
      box.append(paragraph);
    }
    box.hidden = false;
  }

  function notify(text) {
    const notice = byId("notice");
    notice.textContent = text;
    notice.hidden = false;
  }

  /* Small DOM helpers */

  function element(tag, text, className) {
    const created = document.createElement(tag);
    if (text !== undefined && text !== null) {
      created.textContent = text;
    }
    if (className) {
      created.className = className;
    }
    return created;
  }

  function button(text, onClick, className) {
    const created = element("button", text, className);
    created.type = "button";
    created.addEventListener("click", onClick);
    return created;
  }

  /** Builds a table whose cells carry their column name, shown above each value on a phone. */
  function table(columns, rows) {
    const result = element("table");
    const head = element("thead");
    const headRow = element("tr");
    for (const column of columns) {
      const cell = element("th", t(column));
      cell.scope = "col";
      headRow.append(cell);
    }
    head.append(headRow);
    const body = element("tbody");
    for (const cells of rows) {
      const row = element("tr");
      cells.forEach((content, index) => {
        const cell = element("td");
        cell.dataset.label = t(columns[index]);
        cell.append(content);
        row.append(cell);
      });
      body.append(row);
    }
    result.append(head, body);
    return result;
  }

  async function busy(control, action) {
    control.disabled = true;
    try {
      await action();
    } finally {
      control.disabled = false;
    }
  }

  function volumes(campaign) {
    const parts = [];
    if (campaign.maxPerDay != null) {
      parts.push(t("volumes.perDay", {count: formatNumber(campaign.maxPerDay)}));
    }
    if (campaign.maxTotal != null) {
      parts.push(t("volumes.total", {count: formatNumber(campaign.maxTotal)}));
    }
    return parts.length ? parts.join(", ") : t("volumes.template");
  }

  function dayRange(start, end) {
    return t("dates.range", {start: formatDay(start), end: formatDay(end)});
  }

  /* Head office: pending local campaigns */

  async function loadPending() {
    const box = byId("pending-problem");
    clearProblem(box);
    try {
      state.pending = await call("pendingCampaigns");
      renderPending();
    } catch (error) {
      showProblem(box, error);
    }
  }

  function renderPending() {
    const list = byId("pending-list");
    if (!state.pending.length) {
      list.replaceChildren(element("p", t("pending.empty"), "hint"));
      return;
    }
    const rows = state.pending.map((campaign) => [
      String(campaign.localCampaignId),
      campaign.templateOfferId,
      campaign.stores.map((store) => store.storeId).join(", "),
      dayRange(campaign.startDate, campaign.endDate),
      volumes(campaign),
      campaign.createdBy,
      pendingActions(campaign)
    ]);
    list.replaceChildren(table(["col.campaign", "col.template", "col.stores", "col.dates", "col.volumes",
      "col.requestedBy", "col.actions"], rows));
  }

  function pendingActions(campaign) {
    const container = element("div");
    const actions = element("div", null, "actions");
    const problem = element("div", null, "problem");
    problem.setAttribute("role", "alert");
    problem.hidden = true;

    const approve = button(t("action.approve"), () => busy(approve, async () => {
      try {
        await call("approveCampaign", {campaignId: campaign.localCampaignId});
        notify(t("done.approved", {id: campaign.localCampaignId}));
        // Approval switches the campaign's offers on, so the offer list changes too.
        await Promise.all([loadPending(), loadOffers(false)]);
        byId("pending-title").focus();
      } catch (error) {
        showProblem(problem, error);
      }
    }));
    const reject = button(t("action.reject"), () => {
      form.hidden = false;
      reason.focus();
    }, "secondary");
    actions.append(approve, reject);

    const form = element("form", null, "reject-form");
    form.hidden = true;
    form.noValidate = true;
    const reasonId = "reason-" + campaign.localCampaignId;
    const label = element("label", t("field.reason"));
    label.htmlFor = reasonId;
    const reason = element("textarea");
    reason.id = reasonId;
    reason.name = "reason";
    reason.maxLength = 500;
    reason.required = true;
    const confirm = element("button", t("reject.confirm"), "danger");
    confirm.type = "submit";
    const cancel = button(t("action.cancel"), () => {
      form.hidden = true;
      clearProblem(problem, form);
      reject.focus();
    }, "secondary");
    form.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        cancel.click();
      }
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      busy(confirm, async () => {
        try {
          await call("rejectCampaign", {campaignId: campaign.localCampaignId}, {reason: reason.value});
          notify(t("done.rejected", {id: campaign.localCampaignId}));
          await loadPending();
          byId("pending-title").focus();
        } catch (error) {
          showProblem(problem, error, form);
        }
      });
    });
    const formActions = element("div", null, "actions");
    formActions.append(confirm, cancel);
    form.append(label, reason, formActions);

    container.append(actions, form, problem);
    return container;
  }

  /* Head office: offers */

  async function loadOffers(append) {
    const box = byId("offers-problem");
    clearProblem(box);
    const after = append && state.offers.length ? state.offers[state.offers.length - 1].offerId : "";
    try {
      const page = await call("offers", {after});
      state.offers = append ? state.offers.concat(page) : page;
      state.offersComplete = page.length < OFFER_PAGE_SIZE;
      renderOffers();
    } catch (error) {
      showProblem(box, error);
    }
  }

  function offerScope(offer) {
    const parts = [];
    if (offer.storeId) {
      parts.push(t("scope.store", {id: offer.storeId}));
    } else if (offer.chain) {
      parts.push(t("scope.chain", {chain: offer.chain}));
    } else {
      parts.push(t("scope.all"));
    }
    if (offer.localCampaignId != null) {
      parts.push(t("scope.local", {id: offer.localCampaignId}));
    }
    return parts.join(", ");
  }

  function renderOffers() {
    const list = byId("offers-list");
    byId("offers-more").hidden = state.offersComplete;
    if (!state.offers.length) {
      list.replaceChildren(element("p", t("offers.empty"), "hint"));
      return;
    }
    const rows = state.offers.map((offer) => [
      offer.offerId,
      offer.campaignId || "",
      element("span", t(offer.active ? "state.on" : "state.off"), offer.active ? "state-on" : "state-off"),
      [formatInstant(offer.validFrom), formatInstant(offer.validTo)].filter(Boolean).join(" → "),
      offerScope(offer),
      offerActions(offer)
    ]);
    list.replaceChildren(table(["col.offer", "col.campaignId", "col.state", "col.validity", "col.scope",
      "col.actions"], rows));
  }

  function offerActions(offer) {
    // A local campaign's offer follows its campaign's approval and withdrawal, and the API refuses to switch it.
    if (offer.localCampaignId != null) {
      return element("span", t("offers.managedByCampaign", {id: offer.localCampaignId}), "hint");
    }
    const container = element("div");
    const problem = element("div", null, "problem");
    problem.setAttribute("role", "alert");
    problem.hidden = true;
    const switchOff = offer.active;
    const toggle = button(t(switchOff ? "action.switchOff" : "action.switchOn"), () => busy(toggle, async () => {
      try {
        // The offer's version as its ETag, so that a change made since the list was read is not overwritten.
        const updated = await call(switchOff ? "switchOffOffer" : "switchOnOffer", {offerId: offer.offerId},
          undefined, "\"" + offer.version + "\"");
        state.offers = state.offers.map((each) => (each.offerId === updated.offerId ? updated : each));
        notify(t(switchOff ? "done.switchedOff" : "done.switchedOn", {id: offer.offerId}));
        renderOffers();
      } catch (error) {
        if (error instanceof ApiError && error.status === 412) {
          notify(t("error.changed"));
          await loadOffers(false);
          return;
        }
        showProblem(problem, error);
      }
    }), switchOff ? "secondary" : "");
    container.append(toggle, problem);
    return container;
  }

  /* Store managers and agencies */

  function showScope() {
    const parts = state.user.storeIds.slice();
    for (const chain of state.user.chains) {
      parts.push(t("scope.chain", {chain}));
    }
    byId("create-scope").textContent = t("create.scope", {scope: parts.join(", ")});
  }

  /** Loads the caller's stores, the first page or the next one, which the API limits to the caller's scope. */
  async function loadStores(append) {
    const box = byId("stores-problem");
    clearProblem(box);
    const after = append && state.stores.length ? state.stores[state.stores.length - 1].storeId : "";
    try {
      const page = await call("stores", {after});
      state.stores = append ? state.stores.concat(page) : page;
      state.storesComplete = page.length < STORE_PAGE_SIZE;
      renderStores();
    } catch (error) {
      showProblem(box, error);
    }
  }

  /** Shows a checkbox per store, keeping the boxes already ticked. A single store is ticked from the start. */
  function renderStores() {
    const list = byId("create-store-list");
    const checked = new Set(selectedStoreIds());
    if (state.storesComplete && state.stores.length === 1) {
      checked.add(state.stores[0].storeId);
    }
    byId("stores-more").hidden = state.storesComplete;
    if (!state.stores.length) {
      list.replaceChildren(element("p", t("stores.empty"), "hint"));
      return;
    }
    const choices = state.stores.map((store) => {
      const box = element("input");
      box.type = "checkbox";
      box.name = "store";
      box.value = store.storeId;
      box.checked = checked.has(store.storeId);
      const label = element("label");
      label.append(box, element("span", store.name
        ? t("store.option", {name: store.name, id: store.storeId}) : store.storeId));
      return label;
    });
    list.replaceChildren(...choices);
  }

  function selectedStoreIds() {
    return Array.from(byId("create-store-list").querySelectorAll("input[name=store]:checked"), (box) => box.value);
  }

  async function loadTemplates() {
    const box = byId("templates-problem");
    clearProblem(box);
    try {
      state.templates = await call("templates");
      renderTemplates();
    } catch (error) {
      showProblem(box, error);
    }
  }

  function renderTemplates() {
    const list = byId("templates-list");
    const select = byId("create-template");
    const selected = select.value;
    select.replaceChildren();
    if (!state.templates.length) {
      list.replaceChildren(element("p", t("templates.empty"), "hint"));
      return;
    }
    const cards = state.templates.map((template) => {
      const card = element("div", null, "card");
      card.append(element("h4", template.offerId));
      card.append(element("p", state.language === "fr" ? template.messageFr : template.messageEn));
      card.append(element("p", [
        t(template.approvalRequired ? "template.approval" : "template.noApproval"),
        t("template.maxRunDays", {count: formatNumber(template.maxRunDays)}),
        t("template.maxCoupons", {count: formatNumber(template.maxCouponsPerStore)})
      ].join(" · ")));
      const validity = [formatInstant(template.validFrom), formatInstant(template.validTo)].filter(Boolean);
      if (validity.length) {
        card.append(element("p", validity.join(" → "), "hint"));
      }
      if (!template.active) {
        card.append(element("p", t("template.inactive"), "state-off"));
      }
      return card;
    });
    list.replaceChildren(...cards);
    for (const template of state.templates.filter((each) => each.active)) {
      const option = element("option", template.offerId);
      option.value = template.offerId;
      select.append(option);
    }
    if (selected) {
      select.value = selected;
    }
  }

  async function loadMine() {
    const box = byId("mine-problem");
    clearProblem(box);
    try {
      state.mine = await call("localCampaigns");
      renderMine();
    } catch (error) {
      showProblem(box, error);
    }
  }

  function renderMine() {
    const list = byId("mine-list");
    if (!state.mine.length) {
      list.replaceChildren(element("p", t("mine.empty"), "hint"));
      return;
    }
    const cards = state.mine.map((campaign) => {
      const card = element("div", null, "card");
      card.append(element("h4", t("col.campaign") + "\u00A0" + campaign.localCampaignId + " · "
        + campaign.templateOfferId));
      card.append(element("p", t("col.status") + " · " + t("status." + campaign.status)));
      card.append(element("p", dayRange(campaign.startDate, campaign.endDate) + " · " + volumes(campaign)));
      for (const store of campaign.stores) {
        card.append(element("p", t("results.store", {
          store: store.storeId, contacts: formatNumber(store.contacts),
          deliveries: formatNumber(store.deliveries), redemptions: formatNumber(store.redemptions)
        })));
      }
      if (campaign.rejectionReason) {
        card.append(element("p", t("rejection.reason", {reason: campaign.rejectionReason})));
      }
      const live = campaign.status === "PENDING" || campaign.status === "APPROVED";
      if (live && campaign.createdBy === state.user.name) {
        const problem = element("div", null, "problem");
        problem.setAttribute("role", "alert");
        problem.hidden = true;
        const withdraw = button(t("action.withdraw"), () => {
          if (!window.confirm(t("withdraw.confirm", {id: campaign.localCampaignId}))) {
            return;
          }
          busy(withdraw, async () => {
            try {
              await call("withdrawCampaign", {campaignId: campaign.localCampaignId});
              notify(t("done.withdrawn", {id: campaign.localCampaignId}));
              await loadMine();
            } catch (error) {
              showProblem(problem, error);
            }
          });
        }, "danger");
        card.append(withdraw, problem);
      }
      return card;
    });
    list.replaceChildren(...cards);
  }

  function wholeNumberOrText(value) {
    const trimmed = value.trim();
    if (!trimmed) {
      return undefined;
    }
    // A value that is no whole number goes as typed, so that the API's problem names the field and the value.
    return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
  }

  async function createCampaign(event) {
    event.preventDefault();
    const form = byId("create-form");
    const box = byId("create-problem");
    clearProblem(box, form);
    const body = {
      templateOfferId: form.elements.templateOfferId.value,
      storeIds: selectedStoreIds(),
      startDate: form.elements.startDate.value,
      endDate: form.elements.endDate.value
    };
    for (const name of ["maxPerDay", "maxTotal"]) {
      const value = wholeNumberOrText(form.elements[name].value);
      if (value !== undefined) {
        body[name] = value;
      }
    }
    const submit = form.querySelector("button[type=submit]");
    await busy(submit, async () => {
      try {
        const created = await call("createCampaign", {}, body);
        notify(t(created.status === "APPROVED" ? "done.createdApproved" : "done.createdPending",
          {id: created.localCampaignId}));
        await loadMine();
      } catch (error) {
        showProblem(box, error, form);
      }
    });
  }

  /* Signing in and out */

  function basicAuthorization(user, password) {
    const bytes = new TextEncoder().encode(user + ":" + password);
    let binary = "";
    for (const byte of bytes) {
      binary += String.fromCharCode(byte);
    }
    return "Basic " + btoa(binary);
  }

  async function signIn(event) {
    event.preventDefault();
    const form = byId("sign-in-form");
    const box = form.querySelector(".problem");
    clearProblem(box, form);
    state.authorization = basicAuthorization(form.elements.user.value, form.elements.password.value);
    const submit = form.querySelector("button[type=submit]");
    await busy(submit, async () => {
      try {
        state.user = await call("me");
      } catch (error) {
        state.authorization = null;
        if (error instanceof ApiError && error.status === 401) {
          box.textContent = t("signin.failed");
          box.hidden = false;
          form.elements.password.focus();
        } else {
          showProblem(box, error, form);
        }
        return;
      }
      form.elements.password.value = "";
      showScreens();
    });
  }

  function showScreens() {
    const roles = state.user.roles;
    const headOffice = roles.some((role) => HEAD_OFFICE_ROLES.includes(role));
    const store = roles.includes(STORE_ROLE);
    byId("sign-in").hidden = true;
    byId("user").hidden = false;
    byId("sign-out").hidden = false;
    byId("head-office").hidden = !headOffice;
    byId("store").hidden = !store;
    byId("no-role").hidden = headOffice || store;
    applyTexts();
    if (headOffice) {
      loadPending();
      loadOffers(false);
    }
    if (store) {
      loadStores(false);
      loadTemplates();
      loadMine();
    }
  }

  function signOut(message) {
    state.authorization = null;
    state.user = null;
    state.pending = [];
    state.offers = [];
    state.templates = [];
    state.stores = [];
    state.storesComplete = true;
    state.mine = [];
    for (const id of ["head-office", "store", "no-role", "user", "sign-out", "notice"]) {
      byId(id).hidden = true;
    }
    for (const id of ["pending-list", "offers-list", "templates-list", "create-store-list", "mine-list"]) {
      byId(id).replaceChildren();
    }
    byId("sign-in").hidden = false;
    const box = byId("sign-in-form").querySelector(".problem");
    clearProblem(box);
    if (message) {
      box.textContent = message;
      box.hidden = false;
    }
    byId("sign-in-user").focus();
  }

  function switchLanguage(language) {
    state.language = language;
    safeStorageSet(LANGUAGE_KEY, language);
    applyTexts();
    if (!state.user) {
      return;
    }
    if (!byId("head-office").hidden) {
      renderPending();
      renderOffers();
    }
    if (!byId("store").hidden) {
      renderTemplates();
      renderStores();
      renderMine();
    }
  }

  async function start() {
    const [messages, api] = await Promise.all(["messages.json", "api.json"].map((file) =>
      fetch(file, {credentials: "omit"}).then((response) => response.json())));
    state.messages = messages;
    state.api = api;
    state.language = chooseLanguage();
    applyTexts();

    for (const languageButton of document.querySelectorAll("[data-language]")) {
      languageButton.addEventListener("click", () => switchLanguage(languageButton.dataset.language));
    }
    byId("sign-in-form").addEventListener("submit", signIn);
    byId("sign-out").addEventListener("click", () => signOut());
    byId("pending-refresh").addEventListener("click", loadPending);
    byId("offers-refresh").addEventListener("click", () => loadOffers(false));
    byId("offers-more").addEventListener("click", () => loadOffers(true));
    byId("mine-refresh").addEventListener("click", loadMine);
    byId("stores-more").addEventListener("click", () => loadStores(true));
    byId("create-form").addEventListener("submit", createCampaign);
    // index.html disables the button until signIn handles the form.
    byId("sign-in-form").querySelector("button[type=submit]").disabled = false;
    byId("sign-in-user").focus();
  }

  document.addEventListener("DOMContentLoaded", start);
})();
