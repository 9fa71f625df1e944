/**
 * What a customer's app does after `npm install bookwell`: import the package (it defines <bookwell-widget>),
 * create the element, listen to its typed events.
 */
import 'bookwell';

const widget = document.createElement('bookwell-widget');
widget.site = 'demo-studio';
// This app is served by the Bookwell backend itself; a real app would name the backend's URL here.
widget.api = location.origin;
document.querySelector('#booking')!.append(widget);

widget.addEventListener('bookwell-booked', (event) => {
  document.querySelector('#booked')!.textContent = `${event.booking.service.name}, ${event.booking.start} (${event.booking.status})`;
});
