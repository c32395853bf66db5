// Enhancement only: the finding form works without it. In a form, Enter presses the first
// button; here that is the picker's Zoek (harmless: the form comes back with what was typed).
// With this script Enter in the search field searches, and Enter in any other one-line field
// saves, as a person expects.
function setUpFindingForm() {
  const form = document.getElementById('bevindingformulier')
  if (!form) return
  const search = form.querySelector('[data-zoekknop]')
  const save = form.querySelector('[data-opslaan]')
  form.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.isComposing) return
    const target = event.target
    if (!(target instanceof HTMLInputElement) || ['checkbox', 'radio', 'submit', 'button'].includes(target.type)) return
    event.preventDefault()
    const inPicker = target.closest('.werkplek-kiezer')
    form.requestSubmit(inPicker ? search : save)
  })
}

setUpFindingForm()
