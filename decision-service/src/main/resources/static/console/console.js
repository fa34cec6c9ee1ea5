/*
 * The business users' console: head office approves local campaigns, creates, edits and switches offers and marks
 * them as local templates, store managers and
 * agencies run local campaigns, analysts upload, compare, activate and roll back the offer rules, and administrators
 * read them. Head office and analysts read the results of the offers and their lift over the holdout group. Every API
 * call sends HTTP Basic credentials held in this closure only, with
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
  const ANALYST_ROLE = "ANALYST";
  // The API lets ADMIN read the rule sets, their diffs and files, but only ANALYST changes them.
  const ADMIN_ROLE = "ADMIN";
  // The rule set changes that the activation history lists. The versions table already shows the uploads.
  const HISTORY_ACTIONS = ["ACTIVATE", "ROLLBACK"];
  // The server's default spring.servlet.multipart.max-file-size and max-request-size, in MB. A server configured
  // otherwise rejects a larger upload with a 413 problem that names its own limits.
  const MAX_RULE_FILE_MB = 10;
  const MAX_RULE_UPLOAD_MB = 60;
  // The channels of an offer's treatments, as the API names them. An SMS has no title, and an email's title is its
  // subject.
  const CHANNELS = ["PUSH", "SMS", "EMAIL", "IN_APP", "WEBHOOK"];

  const state = {
    language: "en",
    messages: {},
    api: {},
    authorization: null,
    user: null,
    pending: [],
    offers: [],
    offersComplete: true,
    // The offer open in the offer form as the API returned it, or null while the form creates a new offer.
    offerEdit: null,
    // The local template settings of offerEdit, or null when it is no template.
    template: null,
    campaigns: [],
    // The first page of stores, for the offer form's store and chain suggestions.
    scopeStores: [],
    templates: [],
    stores: [],
    storesComplete: true,
    mine: [],
    ruleSets: [],
    ruleSetId: null,
    ruleSet: null,
    versionDetail: null,
    uploadReport: null,
    // True for ANALYST, false for an ADMIN who only reads the rule sets.
    canChangeRules: false,
    // The diff on show: {from, to, text}, with text null while it loads.
    diff: null
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
    return firstOfMonth(new Intl.DateTimeFormat(locale(), {day: "numeric", month: "long", year: "numeric",
      timeZone: "UTC"}).format(new Date(Date.UTC(year, month - 1, day))));
  }

  /** Writes the first day of a month as French does, "1er décembre", where Intl writes "1 décembre". */
  function firstOfMonth(date) {
    return state.language === "fr" ? date.replace(/^1 /, "1er ") : date;
  }

  /** Formats an instant in the browser's time zone, with French times written as "23 h 59". */
  function formatInstant(isoInstant) {
    if (!isoInstant) {
      return "";
    }
    const at = new Date(isoInstant);
    const date = firstOfMonth(new Intl.DateTimeFormat(locale(), {day: "numeric", month: "long", year: "numeric"})
      .format(at));
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
      renderOfferFormTexts();
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

  /** Fills the {placeholders} of an api.json path. A file path keeps its slashes, as the API reads it whole. */
  function apiPath(entry, params) {
    return entry.path.replace(/\{(\w+)\}/g, (whole, key) => {
      const value = String(params[key] ?? "");
      return key === "path" ? value.split("/").map(encodeURIComponent).join("/") : encodeURIComponent(value);
    });
  }

  /**
   * Sends the API entry `name` of api.json and returns the response, or throws an ApiError. A FormData body goes
   * as multipart/form-data with the boundary that fetch sets, any other body as JSON.
   */
  async function send(name, params, body, ifMatch, accept) {
    const entry = state.api[name];
    const headers = {Accept: accept, Authorization: state.authorization};
    const multipart = body instanceof FormData;
    if (body !== undefined && !multipart) {
      headers["Content-Type"] = "application/json";
    }
    if (ifMatch !== undefined) {
      headers["If-Match"] = ifMatch;
    }
    let response;
    try {
      response = await fetch(apiPath(entry, params), {
        method: entry.method, headers, credentials: "omit", cache: "no-store",
        body: body === undefined || multipart ? body : JSON.stringify(body)
      });
    } catch (network) {
      throw new ApiError(0, null);
    }
    if (!response.ok) {
      const type = response.headers.get("Content-Type") || "";
      throw new ApiError(response.status, type.includes("json") ? await response.json().catch(() => null) : null);
    }
    return response;
  }

  /** Calls the API entry `name` of api.json, with its {placeholders} taken from params, and returns its JSON. */
  async function call(name, params = {}, body = undefined, ifMatch = undefined) {
    const response = await send(name, params, body, ifMatch, "application/json, application/problem+json");
    const type = response.headers.get("Content-Type") || "";
    return type.includes("json") ? response.json().catch(() => null) : null;
  }

  /**
   * Downloads a file from the API entry `name` and saves it as `fileName`. A plain link would send no credentials
   * and make the browser show its own login dialog on the 401.
   */
  async function download(name, params, fileName) {
    const response = await send(name, params, undefined, undefined, "application/octet-stream, application/problem+json");
    const url = URL.createObjectURL(await response.blob());
    const link = element("a");
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
    // Revoked later rather than at once, because the browser reads the blob after click() returns.
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  /* Problems */

  function fieldLabel(field) {
    const base = field.replace(/\[\d+\]$/, "");
    const key = "field." + base;
    if (state.messages[state.language]?.[key]) {
      return t(key);
    }
    const treatment = /^treatments\.(\w+)\.(fr|en)(?:\.(title|body))?$/.exec(base);
    return treatment ? treatmentLabel(treatment[1], treatment[2], treatment[3] || "body", true) : field;
  }

  /**
   * Returns the control of `form` that a problem's field names, such as "treatments.PUSH.fr.title". A field that no
   * control has, such as "treatments.PUSH.en" for a missing language, falls back to its body's control and then to
   * the control of the nearest enclosing field, such as the "treatments" fieldset.
   */
  function problemControl(form, field) {
    if (!form) {
      return null;
    }
    let name = field.replace(/\[\d+\]$/, "");
    const body = form.elements.namedItem(name + ".body");
    if (!form.elements.namedItem(name) && body instanceof HTMLElement) {
      return body;
    }
    while (name) {
      const control = form.elements.namedItem(name);
      if (control instanceof HTMLElement) {
        return control;
      }
      name = name.includes(".") ? name.slice(0, name.lastIndexOf(".")) : "";
    }
    return null;
  }

  function clearProblem(box, form) {
    box.hidden = true;
    box.replaceChildren();
    if (form) {
      for (const input of form.querySelectorAll("[aria-invalid]")) {
        input.removeAttribute("aria-invalid");
      }
      for (const note of form.querySelectorAll(".field-problem")) {
        const input = form.querySelector("[aria-describedby~='" + note.id + "']");
        const others = input?.getAttribute("aria-describedby").split(" ").filter((id) => id !== note.id) || [];
        if (others.length) {
          input.setAttribute("aria-describedby", others.join(" "));
        } else {
          input?.removeAttribute("aria-describedby");
        }
        note.remove();
      }
    }
  }

  /**
   * Repeats a problem's lines under the control that it names and links them to it with aria-describedby. The box of
   * a long form, such as the offer form, sits by its button, out of view of a control at the top.
   */
  function showFieldNote(input, lines) {
    if (!lines.length || !input.id) {
      return;
    }
    const note = element("p", lines.join(" "), "field-problem");
    note.id = input.id + "-problem";
    const legend = input instanceof HTMLFieldSetElement ? input.querySelector("legend") : null;
    if (legend) {
      legend.after(note);
    } else {
      (input.closest("label") || input).after(note);
    }
    const described = input.getAttribute("aria-describedby");
    input.setAttribute("aria-describedby", described ? note.id + " " + described : note.id);
  }

  /**
   * Returns the line that quotes the problem's sentence: its French `detailFr` when the console is in French and the
   * server sent one, else its English `detail`, which the French console then marks as English.
   */
  function detailLine(problem) {
    if (state.language === "fr" && problem.detailFr) {
      return t("error.detail", {detail: problem.detailFr});
    }
    return t("error.detailEnglish", {detail: problem.detail});
  }

  /** Returns the line that quotes the rejected value in the language's quotes, text as typed and any other as JSON. */
  function valueLine(value) {
    if (value === "") {
      return t("error.valueEmpty");
    }
    return t("error.value", {value: typeof value === "string" ? value : JSON.stringify(value)});
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
        lines.push(detailLine(error.problem));
      }
    } else {
      const problem = error.problem;
      const input = problem.field ? problemControl(form, problem.field) : null;
      // A control's own label names the field as the form shows it, such as an offer's limits.
      const label = input?.name === problem.field && input.labels?.length
        ? input.dataset.label || input.labels[0].textContent.trim() : problem.field && fieldLabel(problem.field);
      lines.push(problem.field ? t("error.field", {field: label}) : t("error.status", {status: error.status}));
      if (problem.field && problem.value !== undefined && problem.value !== null) {
        lines.push(valueLine(problem.value));
      }
      if (problem.detail) {
        lines.push(detailLine(problem));
      }
      if (input) {
        input.setAttribute("aria-invalid", "true");
        // The box's first line names the field, which the note's place already shows.
        showFieldNote(input, lines.slice(1));
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
    const actions = element("div", null, "actions");
    const problem = element("div", null, "problem");
    problem.setAttribute("role", "alert");
    problem.hidden = true;
    const edit = button(t("action.edit"), () => busy(edit, () => openOffer(offer.offerId)), "secondary");
    const switchOff = offer.active;
    const toggle = button(t(switchOff ? "action.switchOff" : "action.switchOn"), () => busy(toggle, async () => {
      try {
        // The offer's version as its ETag, so that a change made since the list was read is not overwritten.
        const updated = await call(switchOff ? "switchOffOffer" : "switchOnOffer", {offerId: offer.offerId},
          undefined, "\"" + offer.version + "\"");
        state.offers = state.offers.map((each) => (each.offerId === updated.offerId ? updated : each));
        followSwitchInForm(offer, updated);
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
    actions.append(edit, toggle);
    container.append(actions, problem);
    return container;
  }

  /**
   * Brings the switch of `offer` from the list into the offer form when the form contains the same version of
   * that offer. The form keeps its typed changes but takes the new state and version, so that saving it neither reports
   * the user's own switch as someone else's change nor switches the offer back. A form opened on an older version
   * stays as it is, so that saving it still reports the change made in between.
   */
  function followSwitchInForm(offer, updated) {
    const editing = state.offerEdit;
    if (!editing || editing.offerId !== updated.offerId || editing.version !== offer.version) {
      return;
    }
    state.offerEdit = {...editing, active: updated.active, version: updated.version};
    byId("offer-form").elements.active.checked = updated.active;
    renderOfferFormTexts();
  }

  /* Head office: the offer form */

  /** Loads the campaigns and the first page of stores, which the offer form offers as choices. */
  async function loadOfferChoices() {
    const box = byId("offer-form-problem");
    try {
      const [campaigns, stores] = await Promise.all([call("campaigns"), call("stores", {after: ""})]);
      state.campaigns = campaigns;
      state.scopeStores = stores;
      renderOfferChoices();
    } catch (error) {
      showProblem(box, error);
    }
  }

  /**
   * Fills the campaign list and the store and chain suggestions.
   *
   * @param selected the campaign to select, by default the one selected now
   */
  function renderOfferChoices(selected = byId("offer-campaign").value) {
    const select = byId("offer-campaign");
    const choose = element("option", t("offerForm.chooseCampaign"));
    choose.value = "";
    const options = state.campaigns.map((campaign) => {
      const name = state.language === "fr" ? campaign.nameFr : campaign.nameEn;
      const option = element("option", name ? t("campaign.option", {name, id: campaign.campaignId})
        : campaign.campaignId);
      option.value = campaign.campaignId;
      return option;
    });
    // An offer's campaign stays selectable even when the list failed to load.
    if (selected && !state.campaigns.some((campaign) => campaign.campaignId === selected)) {
      const option = element("option", selected);
      option.value = selected;
      options.unshift(option);
    }
    select.replaceChildren(choose, ...options);
    select.value = selected;

    const storeIds = state.scopeStores.map((store) => {
      const option = element("option", store.name || store.storeId);
      option.value = store.storeId;
      return option;
    });
    byId("offer-store-ids").replaceChildren(...storeIds);
    const chains = [...new Set(state.scopeStores.map((store) => store.chain).filter(Boolean))].sort();
    byId("offer-chains").replaceChildren(...chains.map((chain) => {
      const option = element("option");
      option.value = chain;
      return option;
    }));
  }

  /** Returns the label of a treatment's title or body, with its channel when `withChannel`. */
  function treatmentLabel(channel, language, part, withChannel) {
    const partKey = part === "title" && channel === "EMAIL" ? "treatment.subject" : "treatment." + part;
    const channelKey = "channel." + channel;
    const params = {
      channel: state.messages[state.language]?.[channelKey] ? t(channelKey) : channel,
      part: t(partKey),
      language: t("language." + language)
    };
    return t(withChannel ? "treatment.fullField" : "treatment.field", params);
  }

  /** Returns the values of the treatment controls by name, such as "treatments.PUSH.fr.title". */
  function treatmentValues() {
    const values = {};
    for (const control of byId("offer-treatment-list").querySelectorAll("input, textarea")) {
      values[control.name] = control.value;
    }
    return values;
  }

  /** Builds a title and a body per channel and language, with `values` by control name. */
  function renderTreatments(values) {
    const blocks = CHANNELS.map((channel) => {
      const block = element("div", null, "treatment");
      block.append(element("h5", state.messages[state.language]?.["channel." + channel] ? t("channel." + channel)
        : channel));
      for (const language of LANGUAGES) {
        const parts = channel === "SMS" ? ["body"] : ["title", "body"];
        for (const part of parts) {
          const name = "treatments." + channel + "." + language + "." + part;
          const id = "offer-" + channel + "-" + language + "-" + part;
          const label = element("label", treatmentLabel(channel, language, part, false));
          label.htmlFor = id;
          const control = element(part === "title" ? "input" : "textarea");
          control.id = id;
          control.name = name;
          control.lang = language;
          control.maxLength = part === "title" ? 300 : 2000;
          control.value = values[name] || "";
          control.dataset.label = treatmentLabel(channel, language, part, true);
          block.append(label, control);
        }
      }
      return block;
    });
    byId("offer-treatment-list").replaceChildren(...blocks);
  }

  /** Returns the form's values of the treatments as the API reads them, leaving out every channel left empty. */
  function treatmentsBody() {
    const values = treatmentValues();
    const treatments = {};
    for (const channel of CHANNELS) {
      const byLanguage = {};
      for (const language of LANGUAGES) {
        const prefix = "treatments." + channel + "." + language + ".";
        const title = (values[prefix + "title"] || "").trim();
        const text = (values[prefix + "body"] || "").trim();
        // A language left empty is left out, so that the API names it as missing.
        if (title || text) {
          byLanguage[language] = title ? {title, body: text} : {body: text};
        }
      }
      if (Object.keys(byLanguage).length) {
        treatments[channel] = byLanguage;
      }
    }
    return treatments;
  }

  /**
   * Formats an instant for a datetime-local control, in the browser's time zone, to the second.
   * NOTE: an edit saves a stored validity with milliseconds, which the API accepts, without them.
   */
  function localDateTime(isoInstant) {
    if (!isoInstant) {
      return "";
    }
    const at = new Date(isoInstant);
    const pad = (number) => String(number).padStart(2, "0");
    return at.getFullYear() + "-" + pad(at.getMonth() + 1) + "-" + pad(at.getDate()) + "T" + pad(at.getHours())
      + ":" + pad(at.getMinutes()) + ":" + pad(at.getSeconds());
  }

  /** Returns a datetime-local value as an ISO instant, or as typed when it is no date, so that the API names it. */
  function instantOrText(localValue) {
    const trimmed = localValue.trim();
    if (!trimmed) {
      return undefined;
    }
    const at = new Date(trimmed);
    return Number.isNaN(at.getTime()) ? trimmed : at.toISOString();
  }

  /**
   * Returns a number field's value as a number, undefined when empty, or as typed when it is no number, which the
   * server then rejects by name. The decimal fields are text fields that read "12,5" and "12.5" alike, because a
   * number control in a browser set to English drops the comma and would read 125.
   */
  function numberOrText(value) {
    const trimmed = value.trim();
    if (!trimmed) {
      return undefined;
    }
    return /^-?\d+([.,]\d+)?$/.test(trimmed) ? Number(trimmed.replace(",", ".")) : trimmed;
  }

  /** Returns a decimal for a text field, with a decimal comma in French, or "" for none. */
  function decimalText(value) {
    if (value === undefined || value === null) {
      return "";
    }
    const text = String(value);
    return state.language === "fr" ? text.replace(".", ",") : text;
  }

  /** Sets the title, hints and button of the offer form for a new offer or the one open. */
  function renderOfferFormTexts() {
    const offer = state.offerEdit;
    byId("offer-form-title").textContent = offer ? t("offerForm.editTitle", {id: offer.offerId})
      : t("offerForm.createTitle");
    byId("offer-form-hint").textContent = offer ? t("offerForm.editHint", {version: offer.version})
      : t("offerForm.createHint");
    byId("offer-save").textContent = t(offer ? "offerForm.save" : "offerForm.create");
    byId("offer-zone-hint").textContent = t("offerForm.zoneHint",
      {zone: Intl.DateTimeFormat().resolvedOptions().timeZone});
    renderTreatments(treatmentValues());
    renderOfferChoices();
    renderTemplateTexts();
  }

  /** Fills the offer form with `offer` as the API returned it, or empties it for a new offer. */
  function fillOfferForm(offer) {
    const form = byId("offer-form");
    state.offerEdit = offer;
    state.template = null;
    form.reset();
    clearProblem(byId("offer-form-problem"), form);

    const fields = form.elements;
    fields.offerId.value = offer ? offer.offerId : "";
    fields.offerId.readOnly = Boolean(offer);
    for (const name of ["messageFr", "messageEn", "storeId", "chain", "couponValidity"]) {
      fields[name].value = offer?.[name] ?? "";
    }
    for (const name of ["businessValue", "priorPropensity", "businessLever"]) {
      fields[name].value = decimalText(offer?.[name]);
    }
    for (const name of ["maxTotal", "maxPerDay", "cooldownMinutes"]) {
      fields[name].value = offer?.[name] ?? "";
    }
    fields.validFrom.value = localDateTime(offer?.validFrom);
    fields.validTo.value = localDateTime(offer?.validTo);
    fields.active.checked = offer ? offer.active : true;

    const values = {};
    for (const [channel, byLanguage] of Object.entries(offer?.treatments || {})) {
      for (const [language, treatment] of Object.entries(byLanguage)) {
        values["treatments." + channel + "." + language + ".title"] = treatment.title || "";
        values["treatments." + channel + "." + language + ".body"] = treatment.body || "";
      }
    }
    renderTreatments(values);

    renderOfferChoices(offer ? offer.campaignId : "");
    renderOfferFormTexts();
    fillTemplateForm();
  }

  /** Opens the offer in the form with its current version, and its template settings. */
  async function openOffer(offerId) {
    const box = byId("offer-form-problem");
    try {
      const offer = await call("offer", {offerId});
      fillOfferForm(offer);
      byId("offer-form-title").focus();
      await loadTemplate(offerId);
    } catch (error) {
      showProblem(box, error);
      box.scrollIntoView({block: "nearest"});
    }
  }

  function newOffer() {
    fillOfferForm(null);
    byId("offer-form").elements.offerId.focus();
  }

  /** Returns the offer form's values as the API reads them. Empty optional fields are left out. */
  function offerBody() {
    const fields = byId("offer-form").elements;
    const body = {
      campaignId: fields.campaignId.value,
      messageFr: fields.messageFr.value,
      messageEn: fields.messageEn.value,
      businessValue: numberOrText(fields.businessValue.value),
      validFrom: instantOrText(fields.validFrom.value),
      validTo: instantOrText(fields.validTo.value),
      storeId: fields.storeId.value.trim() || null,
      chain: fields.chain.value.trim() || null,
      active: fields.active.checked,
      couponValidity: fields.couponValidity.value.trim() || undefined,
      treatments: treatmentsBody()
    };
    for (const name of ["priorPropensity", "businessLever", "maxTotal", "maxPerDay", "cooldownMinutes"]) {
      body[name] = numberOrText(fields[name].value);
    }
    if (!state.offerEdit) {
      body.offerId = fields.offerId.value.trim();
    }
    return body;
  }

  /**
   * Shows a problem in the box for the first number control whose text the browser cannot read as a number, and
   * returns whether there was one. The browser gives such a control's value as "", which would send the field as
   * missing or left out.
   */
  function reportUnreadableNumber(form, box) {
    const unreadable = Array.from(form.querySelectorAll("input[type=number]"))
      .find((input) => input.validity.badInput);
    if (!unreadable) {
      return false;
    }
    box.append(element("p", t("error.notNumber", {field: unreadable.labels[0].textContent.trim()})));
    box.hidden = false;
    unreadable.setAttribute("aria-invalid", "true");
    unreadable.focus();
    return true;
  }

  async function saveOffer(event) {
    event.preventDefault();
    const form = byId("offer-form");
    const box = byId("offer-form-problem");
    clearProblem(box, form);
    if (reportUnreadableNumber(form, box)) {
      return;
    }
    const editing = state.offerEdit;
    await busy(byId("offer-save"), async () => {
      try {
        const saved = editing
          // The version read when the offer was opened, so that a change made since is not overwritten.
          ? await call("replaceOffer", {offerId: editing.offerId}, offerBody(), "\"" + editing.version + "\"")
          : await call("createOffer", {}, offerBody());
        fillOfferForm(saved);
        notify(editing ? t("done.offerSaved", {id: saved.offerId, version: saved.version})
          : t("done.offerCreated", {id: saved.offerId}));
        await Promise.all([loadTemplate(saved.offerId), loadOffers(false)]);
        byId("offer-form-title").focus();
      } catch (error) {
        if (error instanceof ApiError && error.status === 412 && editing) {
          showOfferChanged(box, editing.offerId);
          return;
        }
        showProblem(box, error, form);
      }
    });
  }

  /** Says that someone else changed the offer, keeping the form as typed, and offers to reload the offer. */
  function showOfferChanged(box, offerId) {
    clearProblem(box);
    const reload = button(t("action.reloadOffer"), () => busy(reload, () => openOffer(offerId)), "secondary");
    box.append(element("p", t("error.offerChanged", {id: offerId})), reload);
    box.hidden = false;
    reload.focus();
  }

  /* Head office: local template settings of the offer open in the form */

  async function loadTemplate(offerId) {
    const box = byId("template-problem");
    clearProblem(box);
    try {
      state.template = await call("template", {offerId});
    } catch (error) {
      state.template = null;
      // A 404 means that the offer is no template, or that its template was taken back.
      if (!(error instanceof ApiError && error.status === 404)) {
        showProblem(box, error);
      }
    }
    fillTemplateForm();
  }

  /** Shows the template part for an offer of head office, with its settings or empty ones to mark it. */
  function fillTemplateForm() {
    const offer = state.offerEdit;
    const template = state.template;
    const form = byId("template-form");
    // A local campaign's offer takes its content from its template, so it cannot be a template itself.
    byId("template-part").hidden = !offer || offer.localCampaignId != null || offer.templateOfferId != null;
    form.reset();
    clearProblem(byId("template-problem"), form);
    form.elements.approvalRequired.checked = template ? template.approvalRequired : true;
    form.elements.maxRunDays.value = template ? template.maxRunDays : "";
    form.elements.maxCouponsPerStore.value = template ? template.maxCouponsPerStore : "";
    form.elements.localOnly.checked = template ? template.localOnly : false;
    renderTemplateTexts();
  }

  function renderTemplateTexts() {
    const template = state.template;
    byId("template-status").textContent = template
      ? t("templateForm.marked", {user: template.updatedBy, at: formatInstant(template.updatedAt)})
      : t("templateForm.none");
    byId("template-save").textContent = t(template ? "templateForm.save" : "templateForm.mark");
    byId("template-withdraw").hidden = !template;
  }

  async function saveTemplate(event) {
    event.preventDefault();
    const form = byId("template-form");
    const box = byId("template-problem");
    clearProblem(box, form);
    if (reportUnreadableNumber(form, box)) {
      return;
    }
    const offerId = state.offerEdit.offerId;
    const marking = !state.template;
    const body = {
      approvalRequired: form.elements.approvalRequired.checked,
      maxRunDays: numberOrText(form.elements.maxRunDays.value),
      maxCouponsPerStore: numberOrText(form.elements.maxCouponsPerStore.value),
      localOnly: form.elements.localOnly.checked
    };
    await busy(byId("template-save"), async () => {
      try {
        state.template = await call("markTemplate", {offerId}, body);
        fillTemplateForm();
        notify(t(marking ? "done.templateMarked" : "done.templateSaved", {id: offerId}));
        byId("template-title").focus();
      } catch (error) {
        showProblem(box, error, form);
      }
    });
  }

  function withdrawTemplate() {
    const offerId = state.offerEdit.offerId;
    if (!window.confirm(t("withdrawTemplate.confirm", {id: offerId}))) {
      return;
    }
    const box = byId("template-problem");
    busy(byId("template-withdraw"), async () => {
      clearProblem(box);
      try {
        const withdrawn = await call("withdrawTemplate", {offerId});
        state.template = null;
        fillTemplateForm();
        const lines = [t("done.templateWithdrawn", {id: offerId})];
        if (withdrawn.rejectedCampaignIds.length) {
          lines.push(t("done.templateRejected", {ids: withdrawn.rejectedCampaignIds.join(", ")}));
        }
        if (withdrawn.runningCampaignIds.length) {
          lines.push(t("done.templateRunning", {ids: withdrawn.runningCampaignIds.join(", ")}));
        }
        notify(lines.join(" "));
        // The withdrawal rejected the template's pending campaigns.
        await loadPending();
        byId("template-title").focus();
      } catch (error) {
        showProblem(box, error);
      }
    });
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
      // French writes the word after a colon in lower case: « Statut : validée ».
      const status = t("status." + campaign.status);
      card.append(element("p", t("campaign.status", {status: state.language === "fr"
        ? status.toLocaleLowerCase("fr-FR") : status})));
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

  /* Analysts: rule sets */

  function versionLabel(version) {
    return version == null ? t("version.none") : String(version);
  }

  async function loadRuleSets() {
    const box = byId("rulesets-problem");
    clearProblem(box);
    try {
      state.ruleSets = await call("ruleSets");
      renderRuleSets();
    } catch (error) {
      showProblem(box, error);
    }
  }

  function renderRuleSets() {
    const list = byId("rulesets-list");
    if (!state.ruleSets.length) {
      list.replaceChildren(element("p", t("rulesets.empty"), "hint"));
      return;
    }
    const rows = state.ruleSets.map((ruleSet) => [
      ruleSet.rulesetId,
      versionLabel(ruleSet.activeVersion),
      versionLabel(ruleSet.previousVersion),
      String(ruleSet.lastVersion),
      button(t("action.open"), () => openRuleSet(ruleSet.rulesetId), "secondary")
    ]);
    list.replaceChildren(table(["col.ruleSet", "col.activeVersion", "col.previousVersion", "col.lastVersion",
      "col.actions"], rows));
  }

  async function openRuleSet(rulesetId) {
    if (state.ruleSetId !== rulesetId) {
      state.ruleSet = null;
      state.versionDetail = null;
      state.uploadReport = null;
      state.diff = null;
      clearProblem(byId("upload-problem"), byId("upload-form"));
      byId("upload-form").reset();
    }
    state.ruleSetId = rulesetId;
    byId("ruleset").hidden = false;
    renderRuleSet();
    await loadRuleSet();
    byId("ruleset-title").focus();
  }

  async function loadRuleSet() {
    const box = byId("ruleset-problem");
    clearProblem(box);
    try {
      state.ruleSet = await call("ruleSet", {rulesetId: state.ruleSetId});
      renderRuleSet();
    } catch (error) {
      showProblem(box, error);
    }
  }

  /** Reloads the open rule set and the list, whose active and previous versions an activation changes. */
  async function reloadRuleSets() {
    await Promise.all([loadRuleSet(), loadRuleSets()]);
  }

  function renderRuleSet() {
    const ruleSet = state.ruleSet;
    byId("ruleset-title").textContent = t("ruleset.title", {id: state.ruleSetId});
    byId("upload-hint").textContent = t("upload.hint", {
      fileLimit: t("size.megabytes", {count: formatNumber(MAX_RULE_FILE_MB)}),
      requestLimit: t("size.megabytes", {count: formatNumber(MAX_RULE_UPLOAD_MB)})
    });
    renderVersionDetail();
    renderUploadReport();
    renderRuleAccess();
    renderDiff();
    renderHistory();

    const rollback = byId("ruleset-rollback");
    if (!ruleSet) {
      byId("ruleset-summary").textContent = t("loading");
      byId("ruleset-versions").replaceChildren();
      rollback.hidden = true;
      return;
    }
    byId("ruleset-summary").textContent = t("ruleset.summary", {
      active: versionLabel(ruleSet.activeVersion), previous: versionLabel(ruleSet.previousVersion)
    });
    // Without a body, the API rolls back only to a previous version lower than the active one.
    rollback.hidden = !state.canChangeRules || ruleSet.activeVersion == null || ruleSet.previousVersion == null
      || ruleSet.previousVersion >= ruleSet.activeVersion;
    rollback.textContent = t("action.rollback", {version: versionLabel(ruleSet.previousVersion)});

    const rows = ruleSet.versions.map((version) => [
      String(version.version),
      versionState(version),
      formatNumber(version.ruleCount),
      version.uploadedBy || "",
      formatInstant(version.uploadedAt),
      versionActions(version)
    ]);
    byId("ruleset-versions").replaceChildren(table(["col.version", "col.status", "col.rules", "col.uploadedBy",
      "col.uploadedAt", "col.actions"], rows));
  }

  function versionState(version) {
    const container = element("div");
    container.append(element("span", t("versionStatus." + version.status),
      version.status === "VALID" ? "state-on" : "state-off"));
    if (version.active) {
      container.append(element("p", t("version.live"), "hint"));
    }
    return container;
  }

  function versionActions(version) {
    const container = element("div");
    const actions = element("div", null, "actions");
    const problem = element("div", null, "problem");
    problem.setAttribute("role", "alert");
    problem.hidden = true;
    const details = button(t("action.details"), () => busy(details, () => loadVersionDetail(version.version)),
      "secondary");
    actions.append(details, ...diffButtons(version));
    if (state.canChangeRules && version.status === "VALID" && !version.active) {
      const activate = button(t("action.activate"), () => activateVersion(version.version, activate, problem));
      actions.append(activate);
    }
    container.append(actions, problem);
    return container;
  }

  function rollBack() {
    const rollback = byId("ruleset-rollback");
    const target = state.ruleSet.previousVersion;
    if (!window.confirm(t("rollback.confirm", {version: target, id: state.ruleSetId}))) {
      return;
    }
    busy(rollback, async () => {
      const box = byId("ruleset-problem");
      clearProblem(box);
      try {
        // No body: the API returns to the version active before the current one, the one this button names.
        const activation = await call("rollBackRuleSet", {rulesetId: state.ruleSetId});
        notify(t("done.rolledBack", {version: activation.activeVersion, id: activation.rulesetId}));
        await reloadRuleSets();
        byId("ruleset-title").focus();
      } catch (error) {
        showProblem(box, error);
      }
    });
  }

  async function loadVersionDetail(version) {
    const box = byId("version-detail-problem");
    clearProblem(box);
    try {
      state.versionDetail = await call("ruleSetVersion", {rulesetId: state.ruleSetId, version});
      renderVersionDetail();
      byId("version-detail-title").focus();
    } catch (error) {
      showProblem(box, error);
    }
  }

  /** Shows a version's files as download buttons, and the report of its validation. */
  function renderVersionDetail() {
    const detail = state.versionDetail;
    byId("version-detail").hidden = !detail;
    if (!detail) {
      byId("version-files").replaceChildren();
      byId("version-report").replaceChildren();
      return;
    }
    const version = detail.report.version;
    byId("version-detail-title").textContent = t("version.title", {version});
    const files = detail.files.map((path) => {
      const fileName = path.slice(path.lastIndexOf("/") + 1);
      const save = button(t("version.download", {file: path}), () => busy(save, async () => {
        const box = byId("version-detail-problem");
        clearProblem(box);
        try {
          await download("ruleSetFile", {rulesetId: state.ruleSetId, version, path}, fileName);
        } catch (error) {
          showProblem(box, error);
        }
      }), "secondary");
      return save;
    });
    byId("version-files").replaceChildren(...files);
    byId("version-report").replaceChildren(reportView(detail.report));
  }

  function renderUploadReport() {
    const report = state.uploadReport;
    byId("upload-report").replaceChildren(...(report ? [reportView(report)] : []));
  }

  /** Builds the view of a validation report: status, errors and warnings by place, and failing scenarios. */
  function reportView(report) {
    const view = element("div", null, "card");
    const valid = report.status === "VALID";
    view.append(element("p", t("report.status", {version: report.version, status: t("versionStatus." + report.status)}),
      valid ? "state-on" : "state-off"));
    if (!valid) {
      view.append(element("p", t("report.invalid")));
    }

    const errors = report.errors || [];
    const warnings = report.warnings || [];
    if (errors.length) {
      view.append(findingList("report.errors", errors, "problem"));
    }
    if (warnings.length) {
      view.append(findingList("report.warnings", warnings, "warning"));
    }
    if (!errors.length && !warnings.length) {
      view.append(element("p", t("report.clean"), "hint"));
    }

    const scenarios = report.scenarios;
    if (scenarios && scenarios.passed + scenarios.failed > 0) {
      view.append(element("p", t("report.scenarios", {
        passed: formatNumber(scenarios.passed), failed: formatNumber(scenarios.failed)
      })));
      const list = element("ul");
      for (const failure of scenarios.failures || []) {
        list.append(scenarioItem(failure));
      }
      if (list.childElementCount) {
        view.append(list);
      }
    }
    return view;
  }

  /** Formats where a finding is: its file, then Sheet!Cell in a workbook, or the cell or line alone. */
  function findingPlace(finding) {
    const cell = finding.sheet && finding.cell ? finding.sheet + "!" + finding.cell : finding.sheet || finding.cell;
    return [finding.file, cell].filter(Boolean).join(", ");
  }

  function findingList(titleKey, findings, className) {
    const part = element("div", null, className);
    part.append(element("h5", t(titleKey, {count: formatNumber(findings.length)})));
    const list = element("ul");
    for (const finding of findings) {
      const message = state.language === "fr" ? finding.messageFr || finding.message : finding.message;
      const place = findingPlace(finding);
      list.append(element("li", place ? t("report.finding", {place, message}) : message));
    }
    part.append(list);
    return part;
  }

  function scenarioItem(failure) {
    const offers = (ids) => (ids && ids.length ? ids.join(", ") : t("report.noOffer"));
    const place = findingPlace(failure);
    const text = failure.failure
      ? t("report.scenarioFailed", {scenario: failure.scenario, place,
        failure: state.language === "fr" ? failure.failureFr || failure.failure : failure.failure})
      : t("report.scenarioOffers", {scenario: failure.scenario, place, expected: offers(failure.expectedOffers),
        actual: offers(failure.actualOffers)});
    const item = element("li", text);
    if (failure.firedRules && failure.firedRules.length) {
      item.append(element("p", t("report.firedRules", {rules: failure.firedRules.join(", ")}), "hint"));
    }
    return item;
  }

  /** Returns why the chosen files cannot be sent, or null. The server checks the same limits. */
  function uploadSizeProblem(files) {
    const megabyte = 1024 * 1024;
    const tooLarge = files.find((file) => file.size > MAX_RULE_FILE_MB * megabyte);
    if (tooLarge) {
      return t("upload.fileTooLarge", {file: tooLarge.name,
        limit: t("size.megabytes", {count: formatNumber(MAX_RULE_FILE_MB)})});
    }
    const total = files.reduce((sum, file) => sum + file.size, 0);
    if (total > MAX_RULE_UPLOAD_MB * megabyte) {
      return t("upload.requestTooLarge", {limit: t("size.megabytes", {count: formatNumber(MAX_RULE_UPLOAD_MB)})});
    }
    return null;
  }

  async function uploadVersion(event) {
    event.preventDefault();
    const form = byId("upload-form");
    const box = byId("upload-problem");
    const input = form.elements.file;
    clearProblem(box, form);
    const files = Array.from(input.files);
    const inputProblem = files.length ? uploadSizeProblem(files) : t("upload.none");
    if (inputProblem) {
      box.append(element("p", inputProblem));
      box.hidden = false;
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }

    // One part per file, all named "file", as the API expects. Its file name becomes the file's path.
    const body = new FormData();
    for (const file of files) {
      body.append("file", file, file.name);
    }

    const submit = form.querySelector("button[type=submit]");
    await busy(submit, async () => {
      try {
        state.uploadReport = await call("uploadRuleSetVersion", {rulesetId: state.ruleSetId}, body);
        renderUploadReport();
        notify(t("done.uploaded", {version: state.uploadReport.version,
          status: t("versionStatus." + state.uploadReport.status)}));
        form.reset();
        await reloadRuleSets();
      } catch (error) {
        showProblem(box, error, form);
      }
    });
  }

  /* Rule sets: activation, diffs between versions, activation history and read-only access */

  /** Asks the analyst to confirm, then makes `version` the active version and shows any failure in `problem`. */
  function activateVersion(version, control, problem) {
    if (!window.confirm(t("activate.confirm", {version, id: state.ruleSetId}))) {
      return;
    }
    busy(control, async () => {
      clearProblem(problem);
      try {
        const activation = await call("activateRuleSetVersion", {rulesetId: state.ruleSetId, version});
        notify(t("done.activated", {version: activation.activeVersion, id: activation.rulesetId}));
        await reloadRuleSets();
        byId("ruleset-title").focus();
      } catch (error) {
        showProblem(problem, error);
      }
    });
  }

  /** Shows or hides what only ANALYST may do: upload, activate and roll back. */
  function renderRuleAccess() {
    byId("upload-part").hidden = !state.canChangeRules;
    byId("ruleset-read-only").hidden = state.canChangeRules;
  }

  /**
   * Builds the buttons that compare a version with the active version and with the version before it. The second is
   * left out when the version before it is the active one, or when there is none.
   */
  function diffButtons(version) {
    const buttons = [];
    const active = state.ruleSet.activeVersion;
    if (active != null && active !== version.version) {
      const againstActive = button(t("action.diffActive", {version: active}),
        () => busy(againstActive, () => loadDiff(active, version.version)), "secondary");
      buttons.push(againstActive);
    }
    const earlier = state.ruleSet.versions.map((each) => each.version).filter((number) => number < version.version);
    const previous = earlier.length ? Math.max(...earlier) : null;
    if (previous != null && previous !== active) {
      const againstPrevious = button(t("action.diffPrevious", {version: previous}),
        () => busy(againstPrevious, () => loadDiff(previous, version.version)), "secondary");
      buttons.push(againstPrevious);
    }
    return buttons;
  }

  /** Calls the API entry `name` of api.json, whose response is text of the entry's "accept" type, and returns it. */
  async function callText(name, params = {}) {
    const response = await send(name, params, undefined, undefined,
      state.api[name].accept + ", application/problem+json");
    return response.text();
  }

  /** Loads the unified diff of the rules from version `from` to version `to` and shows it. */
  async function loadDiff(from, to) {
    const box = byId("version-diff-problem");
    clearProblem(box);
    state.diff = {from, to, text: null};
    renderDiff();
    byId("version-diff-title").focus();
    try {
      const text = await callText("ruleSetDiff", {rulesetId: state.ruleSetId, version: to, from});
      // A later click may have asked for another pair meanwhile.
      if (state.diff && state.diff.from === from && state.diff.to === to) {
        state.diff.text = text;
        renderDiff();
      }
    } catch (error) {
      showProblem(box, error);
    }
  }

  function renderDiff() {
    const diff = state.diff;
    const body = byId("version-diff-body");
    const actions = byId("version-diff-actions");
    byId("version-diff").hidden = !diff;
    actions.replaceChildren();
    if (!diff) {
      body.replaceChildren();
      return;
    }
    byId("version-diff-title").textContent = t("diff.title", {from: diff.from, to: diff.to});
    if (diff.text === null) {
      body.replaceChildren(element("p", t("loading"), "hint"));
    } else if (diff.text === "") {
      body.replaceChildren(element("p", t("diff.none", {from: diff.from, to: diff.to}), "hint"));
    } else {
      body.replaceChildren(diffView(diff.text));
    }

    // Offers the activation right below the changes it would put live.
    const target = state.ruleSet?.versions.find((version) => version.version === diff.to);
    if (state.canChangeRules && diff.from === state.ruleSet?.activeVersion && target?.status === "VALID"
      && !target.active) {
      const activate = button(t("action.activateVersion", {version: diff.to}),
        () => activateVersion(diff.to, activate, byId("version-diff-problem")));
      actions.append(activate);
    }
  }

  /** Builds a unified diff as one line per element, each with a CSS class for its kind, so that CSS colours it. */
  function diffView(text) {
    const lines = text.replace(/\n$/, "").split("\n");
    const classes = diffLineClasses(lines);
    const code = element("code");
    lines.forEach((line, index) => code.append(element("span", line || " ", classes[index])));
    const view = element("pre", null, "diff");
    view.append(code);
    return view;
  }

  /**
   * Returns the kind of each line of a unified diff. The line counts of each "@@" header tell where a hunk ends, so
   * that a removed line whose text starts with "-- " is not taken for a "--- " file header.
   */
  function diffLineClasses(lines) {
    let fromLeft = 0;
    let toLeft = 0;
    return lines.map((line) => {
      if (fromLeft > 0 || toLeft > 0) {
        if (line.startsWith("+")) {
          toLeft--;
          return "diff-added";
        }
        if (line.startsWith("-")) {
          fromLeft--;
          return "diff-removed";
        }
        fromLeft--;
        toLeft--;
        return "diff-context";
      }
      const hunk = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/.exec(line);
      if (hunk) {
        fromLeft = Number(hunk[1] ?? 1);
        toLeft = Number(hunk[2] ?? 1);
        return "diff-hunk";
      }
      return "diff-file";
    });
  }

  /** Lists who activated or rolled back which version and when, newest first as the API returns them. */
  function renderHistory() {
    const list = byId("ruleset-history");
    if (!state.ruleSet) {
      list.replaceChildren();
      return;
    }
    const entries = (state.ruleSet.history || []).filter((entry) => HISTORY_ACTIONS.includes(entry.action));
    if (!entries.length) {
      list.replaceChildren(element("p", t("history.empty"), "hint"));
      return;
    }
    const rows = entries.map((entry) => [
      formatInstant(entry.at),
      t("history." + entry.action),
      String(entry.version),
      entry.actor
    ]);
    list.replaceChildren(table(["col.when", "col.action", "col.version", "col.by"], rows));
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
    const analyst = roles.includes(ANALYST_ROLE);
    const ruleReader = analyst || roles.includes(ADMIN_ROLE);
    state.canChangeRules = analyst;
    byId("sign-in").hidden = true;
    byId("user").hidden = false;
    byId("sign-out").hidden = false;
    byId("head-office").hidden = !headOffice;
    byId("store").hidden = !store;
    byId("analyst").hidden = !ruleReader;
    byId("no-role").hidden = headOffice || store || analyst;
    applyTexts();
    if (headOffice) {
      loadPending();
      loadOffers(false);
      fillOfferForm(null);
      loadOfferChoices();
    }
    if (store) {
      loadStores(false);
      loadTemplates();
      loadMine();
    }
    if (ruleReader) {
      loadRuleSets();
    }
    showSegmentsScreen(roles);
    showResults(roles);
  }

  function signOut(message) {
    state.authorization = null;
    state.user = null;
    state.pending = [];
    state.offers = [];
    state.offerEdit = null;
    state.template = null;
    state.campaigns = [];
    state.scopeStores = [];
    state.templates = [];
    state.stores = [];
    state.storesComplete = true;
    state.mine = [];
    state.ruleSets = [];
    state.ruleSetId = null;
    state.ruleSet = null;
    state.versionDetail = null;
    state.uploadReport = null;
    state.canChangeRules = false;
    state.diff = null;

    for (const id of ["head-office", "store", "analyst", "ruleset", "no-role", "user", "sign-out", "notice"]) {
      byId(id).hidden = true;
    }
    for (const id of ["pending-list", "offers-list", "templates-list", "create-store-list", "mine-list", "rulesets-list",
      "ruleset-versions", "version-files", "version-report", "upload-report", "version-diff-body",
      "version-diff-actions", "ruleset-history"]) {
      byId(id).replaceChildren();
    }
    byId("version-detail").hidden = true;
    byId("version-diff").hidden = true;
    byId("upload-form").reset();
    clearProblem(byId("upload-problem"), byId("upload-form"));
    clearResults();
    // The offer form may hold another user's unsaved offer.
    fillOfferForm(null);
    byId("offer-treatment-list").replaceChildren();
    resetSegments();

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
    if (!byId("analyst").hidden) {
      renderRuleSets();
      if (state.ruleSetId) {
        renderRuleSet();
      }
    }
    renderSegmentsScreen();
    renderResults();
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
    byId("offer-new").addEventListener("click", newOffer);
    byId("offer-form").addEventListener("submit", saveOffer);
    byId("template-form").addEventListener("submit", saveTemplate);
    byId("template-withdraw").addEventListener("click", withdrawTemplate);
    byId("mine-refresh").addEventListener("click", loadMine);
    byId("stores-more").addEventListener("click", () => loadStores(true));
    byId("create-form").addEventListener("submit", createCampaign);
    byId("rulesets-refresh").addEventListener("click", loadRuleSets);
    byId("ruleset-refresh").addEventListener("click", reloadRuleSets);
    byId("ruleset-rollback").addEventListener("click", rollBack);
    byId("upload-form").addEventListener("submit", uploadVersion);
    bindSegments();
    byId("results-form").addEventListener("submit", loadResults);
    // index.html disables the button until signIn handles the form.
    byId("sign-in-form").querySelector("button[type=submit]").disabled = false;
    byId("sign-in-user").focus();
  }

  /* Segments: named groups of customers, with their member counts and members */

  // MARKETER and ADMIN create and edit segments and ANALYST reads them, as the API allows.
  const SEGMENT_EDITOR_ROLES = ["MARKETER", "ADMIN"];
  const SEGMENT_READER_ROLES = ["MARKETER", "ADMIN", "ANALYST"];
  // Match the limits of the "segments" and "segmentMembers" entries of api.json.
  const SEGMENT_PAGE_SIZE = 100;
  const MEMBER_PAGE_SIZE = 50;
  // The message key of each operator's label, by the symbol that the API reads.
  const SEGMENT_OPERATORS = {"=": "equal", "in": "in", ">=": "atLeast", "<=": "atMost", ">": "greater", "<": "less"};
  const COMPARISONS = ["=", ">=", "<=", ">", "<"];
  const ORDERINGS = [">=", "<=", ">", "<"];
  /**
   * The profile attributes that a condition may test, with the operators each accepts and the type of its values,
   * as the server's SegmentField defines them. The server checks every condition again and names the part it rejects.
   */
  const SEGMENT_FIELDS = {
    loyaltyTier: {type: "code", operators: ["=", "in"], codes: ["BRONZE", "SILVER", "GOLD", "PLATINUM"]},
    language: {type: "code", operators: ["=", "in"], codes: ["fr", "en"]},
    visitCount: {type: "number", operators: COMPARISONS},
    purchaseCount: {type: "number", operators: COMPARISONS},
    monetaryTotal: {type: "number", operators: COMPARISONS},
    daysSinceLastPurchase: {type: "number", operators: COMPARISONS},
    daysSinceLastInteraction: {type: "number", operators: COMPARISONS},
    engagementScore: {type: "number", operators: ORDERINGS},
    advocacyScore: {type: "number", operators: COMPARISONS},
    reviewCount: {type: "number", operators: COMPARISONS},
    shareCount: {type: "number", operators: COMPARISONS},
    lastStoreId: {type: "text", operators: ["=", "in"]},
    marketingConsent: {type: "code", operators: ["=", "in"], codes: ["PUSH", "SMS", "EMAIL", "WEBHOOK", "IN_APP"]},
    anonymous: {type: "boolean", operators: ["="]}
  };

  const segmentState = {
    canEdit: false,
    list: [],
    listComplete: true,
    // Member counts by segment id: lists leave them out, so each comes from the segment's own GET.
    counts: {},
    // The segment on show, as GET or PUT returned it, and the page of its members on show.
    segment: null,
    members: [],
    membersAfter: "",
    membersComplete: true,
    // The segment that the form edits, or null for a new segment.
    editing: null,
    // Numbers the condition rows, so that each label has a unique input id.
    rowsCreated: 0
  };

  function segmentName(segment) {
    return state.language === "fr" ? segment.nameFr : segment.nameEn;
  }

  function segmentFieldLabel(field) {
    const key = "segment.field." + field;
    return state.messages[state.language]?.[key] ? t(key) : field;
  }

  function operatorLabel(operator) {
    return operator in SEGMENT_OPERATORS ? t("segment.operator." + SEGMENT_OPERATORS[operator]) : operator;
  }

  /** Formats a condition's value or a member's attribute: lists comma separated, numbers and booleans localised. */
  function segmentValueText(value) {
    if (value === null || value === undefined) {
      return t("value.unknown");
    }
    if (Array.isArray(value)) {
      return value.length ? value.map(segmentValueText).join(", ") : t("value.none");
    }
    if (typeof value === "boolean") {
      return t(value ? "value.yes" : "value.no");
    }
    if (typeof value === "number") {
      return formatNumber(value);
    }
    return String(value);
  }

  function conditionList(conditions) {
    const list = element("ul");
    for (const condition of conditions) {
      list.append(element("li", t("condition.summary", {field: segmentFieldLabel(condition.field),
        operator: operatorLabel(condition.operator), value: segmentValueText(condition.value)})));
    }
    return list;
  }

  /** Shows the segments screen to the roles that may read segments, with the form's buttons to those that edit. */
  function showSegmentsScreen(roles) {
    const reader = roles.some((role) => SEGMENT_READER_ROLES.includes(role));
    segmentState.canEdit = roles.some((role) => SEGMENT_EDITOR_ROLES.includes(role));
    byId("segments").hidden = !reader;
    byId("segment-new").hidden = !segmentState.canEdit;
    byId("segments-read-only").hidden = segmentState.canEdit;
    if (reader) {
      loadSegments(false);
    }
  }

  /** Loads the first page of segments or the next one, then the member count of each. */
  async function loadSegments(append) {
    const box = byId("segments-problem");
    clearProblem(box);
    const loaded = segmentState.list;
    const after = append && loaded.length ? loaded[loaded.length - 1].segmentId : "";
    let page;
    try {
      page = await call("segments", {after});
    } catch (error) {
      showProblem(box, error);
      return;
    }
    segmentState.list = append ? loaded.concat(page) : page;
    segmentState.listComplete = page.length < SEGMENT_PAGE_SIZE;
    renderSegments();
    await loadMemberCounts(page);
  }

  /**
   * Reads each segment of the page for its member count, one request per segment because the list leaves counts
   * out. A failed count shows as unavailable, with the problem above the list.
   */
  async function loadMemberCounts(page) {
    await Promise.all(page.map(async (segment) => {
      try {
        const read = await call("segment", {segmentId: segment.segmentId});
        segmentState.counts[read.segmentId] = read.memberCount;
      } catch (error) {
        segmentState.counts[segment.segmentId] = null;
        showProblem(byId("segments-problem"), error);
      }
    }));
    renderSegments();
  }

  function renderSegments() {
    const list = byId("segments-list");
    byId("segments-more").hidden = segmentState.listComplete;
    if (!segmentState.list.length) {
      list.replaceChildren(element("p", t("segments.empty"), "hint"));
      return;
    }
    const rows = segmentState.list.map((segment) => {
      const count = segmentState.counts[segment.segmentId];
      let countText = t("loading");
      if (count === null) {
        countText = t("segment.countUnavailable");
      } else if (count !== undefined) {
        countText = formatNumber(count);
      }
      return [
        segmentName(segment),
        segment.segmentId,
        conditionList(segment.conditions),
        element("span", countText, "member-count"),
        button(t("action.open"), () => openSegment(segment.segmentId), "secondary")
      ];
    });
    list.replaceChildren(table(["col.segment", "col.segmentId", "col.conditions", "col.members", "col.actions"],
      rows));
  }

  async function openSegment(segmentId) {
    const box = byId("segment-problem");
    clearProblem(box);
    closeSegmentEditor();
    try {
      showSegment(await call("segment", {segmentId}));
      byId("segment-title").focus();
    } catch (error) {
      showProblem(byId("segments-problem"), error);
    }
  }

  /** Shows the segment as GET, POST or PUT returned it, with the first page of its members. */
  function showSegment(segment) {
    segmentState.segment = segment;
    segmentState.counts[segment.segmentId] = segment.memberCount;
    segmentState.list = segmentState.list.map((each) => (each.segmentId === segment.segmentId ? segment : each));
    segmentState.members = [];
    segmentState.membersAfter = "";
    segmentState.membersComplete = true;
    byId("segment").hidden = false;
    renderSegments();
    renderSegment();
    loadMembers("");
  }

  function renderSegment() {
    const segment = segmentState.segment;
    if (!segment) {
      return;
    }
    byId("segment-title").textContent = t("segment.title", {name: segmentName(segment), id: segment.segmentId});
    const summary = [];
    if (segment.description) {
      summary.push(element("p", segment.description));
    }
    summary.push(element("p", t("segment.count", {count: formatNumber(segment.memberCount)}), "member-count"));
    summary.push(conditionList(segment.conditions));
    summary.push(element("p", t("segment.version", {version: segment.version, at: formatInstant(segment.updatedAt)}),
      "hint"));
    byId("segment-summary").replaceChildren(...summary);
    byId("segment-edit").hidden = !segmentState.canEdit;
    renderMembers();
  }

  /** Loads the page of members after the customer id `after`, or the first page when it is empty. */
  async function loadMembers(after) {
    const segment = segmentState.segment;
    const box = byId("members-problem");
    clearProblem(box);
    byId("members-list").replaceChildren(element("p", t("loading"), "hint"));
    try {
      const page = await call("segmentMembers", {segmentId: segment.segmentId, after});
      // Another segment may have been opened meanwhile.
      if (segmentState.segment !== segment) {
        return;
      }
      segmentState.members = page;
      segmentState.membersAfter = after;
      segmentState.membersComplete = page.length < MEMBER_PAGE_SIZE;
      renderMembers();
    } catch (error) {
      showProblem(box, error);
    }
  }

  /** Lists the members on show with the attributes that the segment's conditions read, one column each. */
  function renderMembers() {
    const segment = segmentState.segment;
    const list = byId("members-list");
    byId("members-first").hidden = !segmentState.membersAfter;
    byId("members-next").hidden = segmentState.membersComplete;
    if (!segment) {
      list.replaceChildren();
      return;
    }
    if (!segmentState.members.length) {
      list.replaceChildren(element("p", t(segmentState.membersAfter ? "members.noMore" : "members.empty"), "hint"));
      return;
    }
    const fields = [...new Set(segment.conditions.map((condition) => condition.field))];
    const columns = ["col.customer"].concat(fields.map((field) => "segment.field." + field));
    const rows = segmentState.members.map((member) =>
      [member.customerId].concat(fields.map((field) => segmentValueText(member[field]))));
    list.replaceChildren(table(columns, rows));
  }

  function nextMembers() {
    const members = segmentState.members;
    if (members.length) {
      loadMembers(members[members.length - 1].customerId);
    }
  }

  /* Segments: the form that creates or edits a segment, for MARKETER and ADMIN */

  /** Opens the form on `segment`, or on a new segment with one empty condition when it is null. */
  function openSegmentEditor(segment) {
    segmentState.editing = segment;
    const form = byId("segment-form");
    form.reset();
    clearSegmentProblems(form);
    form.elements.segmentId.value = segment ? segment.segmentId : "";
    form.elements.segmentId.readOnly = segment !== null;
    form.elements.nameFr.value = segment ? segment.nameFr : "";
    form.elements.nameEn.value = segment ? segment.nameEn : "";
    form.elements.description.value = segment?.description || "";
    const drafts = segment ? segment.conditions.map(conditionDraft)
      : [{field: "advocacyScore", operator: ">=", text: ""}];
    byId("segment-condition-rows").replaceChildren(...drafts.map(conditionRow));
    byId("segment-editor").hidden = false;
    renderSegmentEditorTexts();
    byId("segment-form-title").focus();
  }

  function closeSegmentEditor() {
    segmentState.editing = null;
    byId("segment-editor").hidden = true;
    byId("segment-condition-rows").replaceChildren();
  }

  function renderSegmentEditorTexts() {
    const editing = segmentState.editing;
    byId("segment-form-title").textContent = editing
      ? t("segment.editTitle", {name: segmentName(editing), id: editing.segmentId}) : t("segment.newTitle");
    byId("segment-save").textContent = t(editing ? "segment.save" : "segment.create");
  }

  /** Rebuilds the condition rows in the console's language, keeping what the user chose and typed. */
  function renderSegmentEditor() {
    renderSegmentEditorTexts();
    const rows = byId("segment-condition-rows");
    rows.replaceChildren(...Array.from(rows.children, readConditionRow).map(conditionRow));
  }

  /** Returns a stored condition as the form edits it: the value as text, list values comma separated. */
  function conditionDraft(condition) {
    const value = condition.value;
    let text = "";
    if (Array.isArray(value)) {
      text = value.map(String).join(", ");
    } else if (value !== null && value !== undefined) {
      text = String(value);
    }
    return {field: condition.field, operator: condition.operator, text};
  }

  function readConditionRow(row) {
    return {
      field: row.querySelector("[data-part=field]").value,
      operator: row.querySelector("[data-part=operator]").value,
      text: row.querySelector("[data-part=value]").value
    };
  }

  function labelled(text, control) {
    const wrapper = element("div");
    const label = element("label", text);
    label.htmlFor = control.id;
    wrapper.append(label, control);
    return wrapper;
  }

  function option(value, text) {
    const created = element("option", text);
    created.value = value;
    return created;
  }

  /**
   * Builds the row of one condition: a field, an operator among those the field accepts and a value, with a
   * problem box that shows the server's problem about this row.
   */
  function conditionRow(draft) {
    const number = ++segmentState.rowsCreated;
    const row = element("div", null, "condition-row");
    const fieldSelect = element("select");
    fieldSelect.id = "condition-" + number + "-field";
    fieldSelect.dataset.part = "field";
    for (const field of Object.keys(SEGMENT_FIELDS)) {
      fieldSelect.append(option(field, segmentFieldLabel(field)));
    }
    // A stored field that this console does not know yet stays selectable, under its API name.
    if (!(draft.field in SEGMENT_FIELDS)) {
      fieldSelect.append(option(draft.field, draft.field));
    }
    fieldSelect.value = draft.field;

    const operatorSelect = element("select");
    operatorSelect.id = "condition-" + number + "-operator";
    operatorSelect.dataset.part = "operator";
    const valueSlot = element("div");
    const hint = element("p", null, "hint");
    const problem = element("div", null, "problem");
    problem.setAttribute("role", "alert");
    problem.hidden = true;
    const remove = button(t("condition.remove"), () => {
      const rows = row.parentElement;
      row.remove();
      rows.lastElementChild?.querySelector("[data-part=field]").focus();
    }, "secondary");

    // Offers the operators and the value control that the chosen field accepts, keeping the previous choices.
    const fit = (operator, text) => {
      const spec = SEGMENT_FIELDS[fieldSelect.value] || {type: "text", operators: Object.keys(SEGMENT_OPERATORS)};
      operatorSelect.replaceChildren(...spec.operators.map((symbol) => option(symbol, operatorLabel(symbol))));
      operatorSelect.value = spec.operators.includes(operator) ? operator : spec.operators[0];
      const [control, ...suggestions] = valueControl(number, spec, text);
      const label = element("label", t("condition.value"));
      label.htmlFor = control.id;
      valueSlot.replaceChildren(label, control, ...suggestions);
      const hints = [];
      if (spec.codes) {
        hints.push(t("condition.codes", {codes: spec.codes.join(", ")}));
      }
      if (operatorSelect.value === "in") {
        hints.push(t("condition.inHint"));
      }
      hint.textContent = hints.join(" ");
      hint.hidden = !hints.length;
    };
    fieldSelect.addEventListener("change", () => fit(operatorSelect.value, readConditionRow(row).text));
    operatorSelect.addEventListener("change", () => fit(operatorSelect.value, readConditionRow(row).text));

    row.append(labelled(t("condition.field"), fieldSelect), labelled(t("condition.operator"), operatorSelect),
      valueSlot, remove, hint, problem);
    fit(draft.operator, draft.text);
    return row;
  }

  /**
   * Builds the value input of a condition, first in the returned list: yes or no for a boolean, else text, followed
   * by the list of the field's codes that the browser suggests.
   */
  function valueControl(number, spec, text) {
    const id = "condition-" + number + "-value";
    if (spec.type === "boolean") {
      const select = element("select");
      select.id = id;
      select.dataset.part = "value";
      select.append(option("true", t("value.yes")), option("false", t("value.no")));
      select.value = text === "false" ? "false" : "true";
      return [select];
    }
    const input = element("input");
    input.id = id;
    input.dataset.part = "value";
    input.value = text;
    if (spec.type === "number") {
      input.inputMode = "decimal";
    }
    if (!spec.codes) {
      return [input];
    }
    const suggestions = element("datalist");
    suggestions.id = id + "-codes";
    suggestions.append(...spec.codes.map((code) => option(code, code)));
    input.setAttribute("list", suggestions.id);
    return [input, suggestions];
  }

  /**
   * Returns the condition as the API reads it. Numbers typed with a decimal comma are sent as numbers, and any other
   * text as typed, so that the server names what is wrong with it. An empty value is left out, which the server
   * reports as missing.
   */
  function conditionBody(draft) {
    const type = SEGMENT_FIELDS[draft.field]?.type;
    const parse = (typed) => {
      const text = typed.trim();
      if (type === "boolean" && (text === "true" || text === "false")) {
        return text === "true";
      }
      if (type === "number" && /^-?\d+([.,]\d+)?$/.test(text)) {
        return Number(text.replace(",", "."));
      }
      return text;
    };
    const condition = {field: draft.field, operator: draft.operator};
    if (draft.text.trim() !== "") {
      condition.value = draft.operator === "in"
        ? draft.text.split(",").filter((part) => part.trim() !== "").map(parse) : parse(draft.text);
    }
    return condition;
  }

  function clearSegmentProblems(form) {
    clearProblem(byId("segment-form-problem"), form);
    for (const box of byId("segment-condition-rows").querySelectorAll(".problem")) {
      clearProblem(box);
    }
  }

  /**
   * Shows a problem of the segment form. One whose field names a condition, such as conditions[1].operator or
   * conditions[0].value[2], shows in that condition's row and marks its control. Any other shows below the form.
   */
  function showSegmentProblem(error, form) {
    const field = error instanceof ApiError ? error.problem.field || "" : "";
    const match = /^conditions\[(\d+)\](?:\.(field|operator|value))?/.exec(field);
    const row = match ? byId("segment-condition-rows").children[Number(match[1])] : null;
    if (!row) {
      showProblem(byId("segment-form-problem"), error, form);
      return;
    }
    showProblem(row.querySelector(".problem"), error);
    const control = row.querySelector("[data-part=" + (match[2] || "field") + "]");
    control.setAttribute("aria-invalid", "true");
    control.focus();
  }

  /** Tells that someone changed the segment since the form opened, and offers to reload it, dropping the edits. */
  function offerSegmentReload(error) {
    const box = byId("segment-form-problem");
    box.append(element("p", t("segment.changed")));
    if (error.problem.detail) {
      box.append(element("p", detailLine(error.problem)));
    }
    const reload = button(t("segment.reload"), () => busy(reload, async () => {
      try {
        const current = await call("segment", {segmentId: segmentState.editing.segmentId});
        showSegment(current);
        openSegmentEditor(current);
      } catch (failure) {
        showProblem(box, failure);
      }
    }));
    box.append(reload);
    box.hidden = false;
    reload.focus();
  }

  async function saveSegment(event) {
    event.preventDefault();
    const form = byId("segment-form");
    clearSegmentProblems(form);
    const editing = segmentState.editing;
    const body = {
      nameFr: form.elements.nameFr.value,
      nameEn: form.elements.nameEn.value,
      description: form.elements.description.value,
      conditions: Array.from(byId("segment-condition-rows").children, readConditionRow).map(conditionBody)
    };
    if (!editing) {
      body.segmentId = form.elements.segmentId.value.trim();
    }
    await busy(byId("segment-save"), async () => {
      let saved;
      try {
        // The segment's version as its ETag, so that a change made since the form opened is not overwritten.
        saved = editing
          ? await call("replaceSegment", {segmentId: editing.segmentId}, body, "\"" + editing.version + "\"")
          : await call("createSegment", {}, body);
      } catch (error) {
        if (editing && error instanceof ApiError && error.status === 412) {
          offerSegmentReload(error);
        } else {
          showSegmentProblem(error, form);
        }
        return;
      }
      notify(t(editing ? "done.segmentSaved" : "done.segmentCreated",
        {name: segmentName(saved), count: formatNumber(saved.memberCount)}));
      closeSegmentEditor();
      showSegment(saved);
      byId("segment-title").focus();
      await loadSegments(false);
    });
  }

  /** Rewrites the segments screen in the console's language, after a switch. */
  function renderSegmentsScreen() {
    if (byId("segments").hidden) {
      return;
    }
    renderSegments();
    renderSegment();
    if (!byId("segment-editor").hidden) {
      renderSegmentEditor();
    }
  }

  function resetSegments() {
    Object.assign(segmentState, {canEdit: false, list: [], listComplete: true, counts: {}, segment: null,
      members: [], membersAfter: "", membersComplete: true, editing: null});
    for (const id of ["segments", "segment", "segment-editor"]) {
      byId(id).hidden = true;
    }
    for (const id of ["segments-list", "segment-summary", "members-list", "segment-condition-rows"]) {
      byId(id).replaceChildren();
    }
    byId("segment-form").reset();
    clearSegmentProblems(byId("segment-form"));
  }

  function bindSegments() {
    byId("segments-refresh").addEventListener("click", () => loadSegments(false));
    byId("segments-more").addEventListener("click", () => loadSegments(true));
    byId("segment-new").addEventListener("click", () => openSegmentEditor(null));
    byId("segment-edit").addEventListener("click", () => openSegmentEditor(segmentState.segment));
    byId("segment-close").addEventListener("click", () => {
      segmentState.segment = null;
      byId("segment").hidden = true;
      closeSegmentEditor();
    });
    byId("members-first").addEventListener("click", () => loadMembers(""));
    byId("members-next").addEventListener("click", nextMembers);
    byId("segment-condition-add").addEventListener("click", () => {
      const rows = byId("segment-condition-rows");
      const row = conditionRow({field: "advocacyScore", operator: ">=", text: ""});
      rows.append(row);
      row.querySelector("[data-part=field]").focus();
    });
    byId("segment-cancel").addEventListener("click", () => {
      closeSegmentEditor();
      byId("segments-title").focus();
    });
    byId("segment-form").addEventListener("submit", saveSegment);
  }

  /* Results: offer results and the lift over the holdout group, for MARKETER, ADMIN and ANALYST */

  const RESULT_ROLES = ["MARKETER", "ADMIN", "ANALYST"];
  // The purchase window, in days, that the form proposes. The API reads it as an ISO duration such as P14D.
  const DEFAULT_WINDOW_DAYS = 14;
  // The days before today that the form's period covers at first.
  const DEFAULT_PERIOD_DAYS = 30;
  // The report of the period on show: {offers, lift}, each null until loaded.
  const results = {offers: null, lift: null};

  /** Shows the results screen to a user with a role that reads the reports, and loads the default period. */
  function showResults(roles) {
    const allowed = roles.some((role) => RESULT_ROLES.includes(role));
    byId("results").hidden = !allowed;
    if (!allowed) {
      return;
    }
    const form = byId("results-form");
    const today = new Date();
    const start = new Date(today.getFullYear(), today.getMonth(), today.getDate() - DEFAULT_PERIOD_DAYS);
    form.elements.from.value = isoDay(start);
    form.elements.to.value = isoDay(today);
    form.elements.window.value = String(DEFAULT_WINDOW_DAYS);
    loadResults();
  }

  /** Returns the browser's local day of `date` as an ISO day such as 2026-12-04. */
  function isoDay(date) {
    return [date.getFullYear(), String(date.getMonth() + 1).padStart(2, "0"), String(date.getDate()).padStart(2, "0")]
      .join("-");
  }

  async function loadResults(event) {
    event?.preventDefault();
    const form = byId("results-form");
    const box = byId("results-problem");
    clearProblem(box, form);
    // An empty or unreadable window goes to the API as typed, whose problem then names the field.
    const days = form.elements.window.value.trim();
    const params = {
      start: form.elements.from.value,
      end: form.elements.to.value,
      window: /^\d+$/.test(days) ? "P" + days + "D" : days
    };
    await busy(form.querySelector("button[type=submit]"), async () => {
      try {
        const [offers, lift] = await Promise.all([call("offerResults", params), call("lift", params)]);
        results.offers = offers;
        results.lift = lift;
      } catch (error) {
        results.offers = null;
        results.lift = null;
        showProblem(box, error, form);
      }
      renderResults();
    });
  }

  function clearResults() {
    results.offers = null;
    results.lift = null;
    byId("results").hidden = true;
    byId("results-form").reset();
    clearProblem(byId("results-problem"), byId("results-form"));
    renderResults();
  }

  function renderResults() {
    renderLift();
    renderOfferResults();
  }

  function formatPercent(rate) {
    return rate == null ? t("results.none")
      : new Intl.NumberFormat(locale(), {style: "percent", maximumFractionDigits: 1}).format(rate);
  }

  function formatAmount(amount) {
    return amount == null ? t("results.none")
      : new Intl.NumberFormat(locale(), {minimumFractionDigits: 2, maximumFractionDigits: 2}).format(amount);
  }

  /** Formats a difference of two rates in percentage points, with its sign, such as "+30,0". */
  function formatPoints(difference) {
    return new Intl.NumberFormat(locale(), {minimumFractionDigits: 1, maximumFractionDigits: 1,
      signDisplay: "exceptZero"}).format(difference * 100);
  }

  function groupLine(key, group) {
    return t(key, {customers: formatNumber(group.customers), buyers: formatNumber(group.buyers),
      rate: formatPercent(group.conversionRate), revenue: formatAmount(group.revenuePerCustomer)});
  }

  /** Returns the sentence that compares the groups' conversion, such as "2,3 fois plus souvent". */
  function liftHeadline(lift) {
    if (lift.conversionRatio == null) {
      return t("lift.noHoldoutBuyer", {rate: formatPercent(lift.treated.conversionRate)});
    }
    const ratio = new Intl.NumberFormat(locale(), {maximumFractionDigits: 1});
    if (ratio.format(lift.conversionRatio) === ratio.format(1)) {
      return t("lift.same");
    }
    return lift.conversionRatio > 1
      ? t("lift.more", {ratio: ratio.format(lift.conversionRatio)})
      : t("lift.less", {ratio: ratio.format(1 / lift.conversionRatio)});
  }

  function renderLift() {
    const summary = byId("lift-summary");
    const lift = results.lift;
    if (!lift) {
      summary.replaceChildren();
      return;
    }

    const lines = [element("p", groupLine("lift.treated", lift.treated)),
      element("p", groupLine("lift.holdout", lift.holdout))];
    if (lift.excludedCustomers > 0) {
      lines.push(element("p", t("lift.excluded", {count: formatNumber(lift.excludedCustomers)}), "hint"));
    }
    if (lift.windowsStillOpen) {
      lines.push(element("p", t("lift.windowsStillOpen"), "hint"));
    }
    if (lift.absoluteLift == null) {
      lines.unshift(element("p", t("lift.empty"), "lift-headline lift-uncertain"));
      summary.replaceChildren(...lines);
      return;
    }

    let verdict = "lift-uncertain";
    if (lift.significant && !lift.notEnoughData) {
      verdict = "lift-significant";
    }
    lines.unshift(element("p", liftHeadline(lift), "lift-headline " + verdict));

    const interval = lift.confidenceInterval;
    lines.push(element("p", t("lift.difference", {difference: formatPoints(lift.absoluteLift),
      lower: formatPoints(interval.lower), upper: formatPoints(interval.upper)})));
    if (lift.notEnoughData) {
      const minimum = lift.minimumPerGroup;
      lines.push(element("p", t("lift.notEnoughData", {customers: formatNumber(minimum.customers),
        buyers: formatNumber(minimum.buyers), nonBuyers: formatNumber(minimum.nonBuyers)})));
    } else {
      lines.push(element("p", t(lift.significant ? "lift.significant" : "lift.notSignificant")));
    }
    summary.replaceChildren(...lines);
  }

  function propensityText(propensity) {
    if (!propensity) {
      return t("results.none");
    }
    const decimals = new Intl.NumberFormat(locale(), {maximumFractionDigits: 3});
    const parts = [t("propensity.prior", {value: decimals.format(propensity.prior)})];
    for (const [segment, value] of Object.entries(propensity.bySegment)) {
      parts.push(t("propensity.segment", {segment, value: decimals.format(value)}));
    }
    return parts.join(", ");
  }

  function renderOfferResults() {
    const list = byId("offer-results-list");
    if (!results.offers) {
      list.replaceChildren();
      return;
    }
    if (!results.offers.offers.length) {
      list.replaceChildren(element("p", t("offerResults.empty"), "hint"));
      return;
    }
    const rows = results.offers.offers.map((offer) => [
      offer.offerId,
      formatNumber(offer.decisions),
      Object.entries(offer.contactsByChannel).map(([channel, count]) => channel + " " + formatNumber(count))
        .join(", ") || t("results.none"),
      formatNumber(offer.deliveries.sent) + " / " + formatNumber(offer.deliveries.failed),
      t("outcomes.summary", {accepted: formatNumber(offer.outcomes.accepted),
        ignored: formatNumber(offer.outcomes.ignored), redeemed: formatNumber(offer.outcomes.redeemed)}),
      formatNumber(offer.coupons.redeemed) + " / " + formatNumber(offer.coupons.issued),
      formatPercent(offer.coupons.redemptionRate),
      propensityText(offer.propensity)
    ]);
    list.replaceChildren(table(["col.offer", "col.decisions", "col.contactsByChannel", "col.deliveries",
      "col.outcomes", "col.coupons", "col.redemptionRate", "col.propensity"], rows));
  }

  document.addEventListener("DOMContentLoaded", start);
})();
