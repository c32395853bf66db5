// The PDF build page: asks the server how far the build is and says so in the live region, so a
// screen reader hears the progress; once the build is done (or refused) the page loads again and
// shows the download. Without this script the link "Bekijk de stand opnieuw" does the same.
const stand = document.getElementById('pdfstand')
const bar = document.getElementById('pdfvoortgang')
const address = stand?.dataset.stand

async function look() {
  let answer
  try {
    const response = await fetch(address, {credentials: 'same-origin', headers: {accept: 'application/json'}})
    if (!response.ok) throw new Error(String(response.status))
    answer = await response.json()
  } catch {
    stand.textContent = 'De stand is niet op te vragen. Laad de pagina opnieuw.'
    return
  }

  if (answer.state !== 'bezig') {
    window.location.reload()
    return
  }

  // Only a change is written, so the live region does not repeat itself.
  if (stand.textContent !== answer.text) stand.textContent = answer.text
  if (bar && answer.total > 0) {
    const percent = Math.floor((answer.done / answer.total) * 100)
    bar.value = percent
    bar.textContent = `${percent}%`
  }

  setTimeout(look, 400)
}

if (stand && address) setTimeout(look, 300)
