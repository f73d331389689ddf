// Image imports in the client tests: the bundler would give a URL.
export default 'test-file-stub.png'
