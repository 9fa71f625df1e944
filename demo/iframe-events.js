// The host page listens to the iframe as it would to the element: the helper re-dispatches the widget's events.
const output = document.getElementById('last-event');
for (const name of ['bookwell-step', 'bookwell-booked', 'bookwell-confirmed', 'bookwell-cancelled']) {
  document.addEventListener(name, (event) => {
    output.textContent = `${name} ${JSON.stringify(event.detail)}`;
  });
}
