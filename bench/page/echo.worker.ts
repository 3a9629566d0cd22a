// Sends back whatever it is sent: a bare postMessage round trip, two structured clones.
onmessage = (event: MessageEvent<unknown>) => {
  postMessage(event.data);
};
