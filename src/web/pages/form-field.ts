import {html, raw} from 'hono/html'

import type {Html} from '../layout.js'

/**
 * What ties a control to its description and errors for a screen reader: aria-describedby with
 * the ids `NAME-uitleg` and `NAME-fout`, and aria-invalid while it has errors.
 */
export function describedBy(name: string, errors: readonly string[], description?: string): Html {
  const ids = [description ? `${name}-uitleg` : '', errors.length > 0 ? `${name}-fout` : ''].filter(Boolean).join(' ')
  return html`${ids ? html` aria-describedby="${ids}"` : ''}${errors.length > 0 ? raw(' aria-invalid="true"') : ''}`
}

/** A field of a form: its label, description and errors, then the control, which gets id `veld-NAME` and name NAME. */
export function formField(field: {description?: string; errors?: readonly string[]; label: string; name: string}, control: (attributes: Html) => Html): Html {
  const {description, errors = [], label, name} = field
  const attributes = html`id="veld-${name}" name="${name}"${describedBy(name, errors, description)}`
  return html`<div class="utrecht-form-field${errors.length > 0 ? ' utrecht-form-field--invalid' : ''}">
<label class="utrecht-form-label" for="veld-${name}">${label}</label>
${description ? html`<p class="utrecht-form-field-description" id="${name}-uitleg">${description}</p>` : ''}
${errors.length > 0 ? html`<p class="utrecht-form-field-error-message" id="${name}-fout">${errors.join(' ')}</p>` : ''}
${control(attributes)}
</div>`
}

/**
 * The two choices the CLI offers when the privacy guard refuses a text, besides mending it: the
 * same buttons on every form, each sending the form named `formId` with its choice.
 */
export function privacyChoices(formId: string): Html {
  return html`<div class="werkplek-knoppen">
<button class="utrecht-button utrecht-button--primary-action" type="submit" form="${formId}" name="privacy" value="pseudonymise">Vervang ze door vaste plaatshouders en sla op</button>
<button class="utrecht-button utrecht-button--secondary-action" type="submit" form="${formId}" name="privacy" value="allow">Toch opslaan met persoonsgegevens (die keuze wordt vastgelegd)</button>
</div>`
}
