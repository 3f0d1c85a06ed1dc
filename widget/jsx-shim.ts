// For the browser bundle only: classic JSX (h(tag, props, ...children)) minifies smaller than the
// automatic runtime's { children: [...] } objects. The worker and tsc use the automatic runtime.
export { Fragment, h } from 'preact';
