export const id = 551;
export const ids = [551];
export const modules = {

/***/ 61551:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   terminalIO: () => (/* binding */ terminalIO)
/* harmony export */ });
/* harmony import */ var _core_escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(94536);

function terminalIO(cli, opts) {
    const secrets = [];
    const state = new Map();
    const outputs = {};
    // Nothing printed may be taken for a workflow command if the CLI runs inside a workflow step.
    const clean = (text) => (0,_core_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .neutraliseLog */ .Z$)(secrets.reduce((t, s) => t.split(s).join('***'), text));
    const where = (p) => p?.file ? `${p.file}${p.line ? `:${p.line}${p.col ? `:${p.col}` : ''}` : ''}: ` : '';
    return {
        outputs,
        info: (m) => cli.stdout.write(`${clean(m)}\n`),
        notice: (m) => cli.stdout.write(`notice: ${clean(m)}\n`),
        warning: (m, p) => cli.stderr.write(`warning: ${clean(`${where(p)}${m}`)}\n`),
        error: (m, p) => cli.stderr.write(`error: ${clean(`${where(p)}${m}`)}\n`),
        debug: (m) => {
            if (opts.verbose)
                cli.stderr.write(`debug: ${clean(m)}\n`);
        },
        group: async (name, fn) => {
            cli.stdout.write(`\n== ${clean(name)} ==\n`);
            return fn();
        },
        setOutput: (n, v) => {
            outputs[n] = v;
        },
        setSecret: (v) => {
            if (v.length >= 4 && !secrets.includes(v))
                secrets.push(v);
        },
        saveState: (n, v) => {
            state.set(n, v);
        },
        getState: (n) => state.get(n) ?? '',
        writeSummary: async (markdown) => {
            cli.stdout.write(`\n${clean(markdown)}\n`);
        },
    };
}


/***/ })

};
