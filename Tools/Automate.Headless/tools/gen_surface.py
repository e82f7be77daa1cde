#!/usr/bin/env python3
"""Generates the interface and enum part of the cAlgo.API stand-in from ../shared/ctrader-api.

Only members flagged B in signatures.txt are emitted, spelled as in legacy-surface.txt (parameter
names, defaults, enum values). A member is dropped when it mentions a type the stand-in does not
declare, so the output always compiles. Run from the repository root:
    python3 Tools/Automate.Headless/tools/gen_surface.py
Hand-written classes (Algo, Robot, Indicator, attributes, Color, TimeFrame...) live beside it.
"""
import os, re, sys

ROOT = os.path.dirname(os.path.abspath(__file__))
API = os.path.normpath(os.path.join(ROOT, '..', '..', '..', '..', 'shared', 'ctrader-api'))
if not os.path.isdir(API):
    API = os.path.normpath(os.path.join(ROOT, '..', '..', '..', '..', '..', 'shared', 'ctrader-api'))
OUT = os.path.join(ROOT, '..', 'Api', 'Generated')

# interface types: None = every B member whose types are declared; else a whitelist of member names
INTERFACES = {
    'cAlgo.API.Position': None, 'cAlgo.API.Positions': None,
    'cAlgo.API.PendingOrder': None, 'cAlgo.API.PendingOrders': None,
    'cAlgo.API.History': None, 'cAlgo.API.HistoricalTrade': None,
    'cAlgo.API.Bars': ['this', 'LastBar', 'Count', 'TimeFrame', 'SymbolName', 'OpenPrices', 'HighPrices',
                       'LowPrices', 'ClosePrices', 'TickVolumes', 'AveragePrices', 'MedianPrices',
                       'TypicalPrices', 'WeightedPrices', 'OpenTimes', 'Tick', 'BarOpened', 'BarClosed', 'Last'],
    'cAlgo.API.DataSeries': None, 'cAlgo.API.IndicatorDataSeries': None, 'cAlgo.API.TimeSeries': None,
    'cAlgo.API.Error': None, 'cAlgo.API.LocalStorage': None, 'cAlgo.API.Timer': None,
    'cAlgo.API.ChartArea': ['IsAlive', 'Objects', 'FindAllObjects', 'FindObject', 'RemoveObject',
                            'RemoveAllObjects', 'DrawHorizontalLine', 'DrawVerticalLine', 'DrawTrendLine',
                            'DrawText', 'DrawStaticText'],
    'cAlgo.API.Chart': ['Bars', 'TimeFrame', 'Symbol', 'SymbolName', 'IndicatorAreas'],
    'cAlgo.API.IndicatorArea': [],
    'cAlgo.API.ChartObject': None, 'cAlgo.API.ChartHorizontalLine': None, 'cAlgo.API.ChartVerticalLine': None,
    'cAlgo.API.ChartTrendLine': None, 'cAlgo.API.ChartText': None, 'cAlgo.API.ChartStaticText': None,
    'cAlgo.API.Symbols': None, 'cAlgo.API.Asset': None,
    'cAlgo.API.GetFitnessArgs': None, 'cAlgo.API.StandardIndicator': None,
    'cAlgo.API.Internals.IAccount': None, 'cAlgo.API.Internals.Symbol': None,
    'cAlgo.API.Internals.IServer': None, 'cAlgo.API.Internals.INotifications': None,
    'cAlgo.API.Internals.IIndicatorsAccessor': ['GetIndicator', 'MovingAverage', 'ExponentialMovingAverage',
                                                'SimpleMovingAverage', 'TrueRange', 'WellesWilderSmoothing',
                                                'AverageTrueRange'],
    'cAlgo.API.Internals.MarketData': ['GetBars'],
    'cAlgo.API.Internals.LeverageTier': None,
    'cAlgo.API.Collections.IReadonlyList': None,
    'cAlgo.API.Indicators.AverageTrueRange': None, 'cAlgo.API.Indicators.TrueRange': None,
    'cAlgo.API.Indicators.MovingAverage': None, 'cAlgo.API.Indicators.SimpleMovingAverage': None,
    'cAlgo.API.Indicators.ExponentialMovingAverage': None, 'cAlgo.API.Indicators.WellesWilderSmoothing': None,
}
ENUMS = ['cAlgo.API.AccessRights', 'cAlgo.API.TradeType', 'cAlgo.API.ErrorCode', 'cAlgo.API.StopTriggerMethod',
         'cAlgo.API.RoundingMode', 'cAlgo.API.PositionCloseReason', 'cAlgo.API.PendingOrderType',
         'cAlgo.API.PendingOrderCancellationReason', 'cAlgo.API.RunningMode', 'cAlgo.API.MovingAverageType',
         'cAlgo.API.LocalStorageScope', 'cAlgo.API.LineStyle', 'cAlgo.API.PlotType', 'cAlgo.API.ChartObjectType',
         'cAlgo.API.VerticalAlignment', 'cAlgo.API.HorizontalAlignment', 'cAlgo.API.ProportionalAmountType',
         'cAlgo.API.SoundType', 'cAlgo.API.SymbolCommissionType', 'cAlgo.API.SymbolMinCommissionType',
         'cAlgo.API.SymbolSwapCalculationType', 'cAlgo.API.SymbolTradingMode', 'cAlgo.API.SymbolMinDistanceType',
         'cAlgo.API.Internals.AccountType', 'cAlgo.API.Internals.TotalMarginCalculationType']
# hand-written types (declared elsewhere in Api/) that generated members may mention
HANDWRITTEN = ['cAlgo.API.Robot', 'cAlgo.API.Indicator', 'cAlgo.API.Internals.Algo', 'cAlgo.API.TradeResult',
               'cAlgo.API.TradeOperation', 'cAlgo.API.Color', 'cAlgo.API.TimeFrame', 'cAlgo.API.Bar',
               'cAlgo.API.TimeZones', 'cAlgo.API.RobotAttribute', 'cAlgo.API.IndicatorAttribute',
               'cAlgo.API.ParameterAttribute', 'cAlgo.API.OutputAttribute', 'cAlgo.API.LevelsAttribute',
               'cAlgo.API.PositionOpenedEventArgs', 'cAlgo.API.PositionClosedEventArgs',
               'cAlgo.API.PositionModifiedEventArgs', 'cAlgo.API.PendingOrderCreatedEventArgs',
               'cAlgo.API.PendingOrderModifiedEventArgs', 'cAlgo.API.PendingOrderCancelledEventArgs',
               'cAlgo.API.PendingOrderFilledEventArgs', 'cAlgo.API.BarOpenedEventArgs',
               'cAlgo.API.BarClosedEventArgs', 'cAlgo.API.BarsTickEventArgs', 'cAlgo.API.SymbolTickEventArgs']

KEYWORDS = {'int': 'System.Int32', 'double': 'System.Double', 'string': 'System.String', 'bool': 'System.Boolean',
            'long': 'System.Int64', 'object': 'System.Object', 'float': 'System.Single', 'byte': 'System.Byte',
            'decimal': 'System.Decimal', 'short': 'System.Int16', 'uint': 'System.UInt32', 'ulong': 'System.UInt64',
            'void': 'System.Void', 'char': 'System.Char'}


def split_top(s, sep=','):
    out, depth, cur = [], 0, ''
    for ch in s:
        if ch in '<(':
            depth += 1
        elif ch in '>)':
            depth -= 1
        if ch == sep and depth == 0:
            out.append(cur.strip()); cur = ''
        else:
            cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


def full_name(t, generic_params=()):
    """legacy-surface type expression -> list of referenced full names (for the 'declared' check)"""
    t = t.strip()
    if t.endswith('?'):
        return full_name(t[:-1], generic_params)
    if t.endswith('[]'):
        return full_name(t[:-2], generic_params)
    m = re.match(r'^([\w.]+)<(.*)>$', t)
    if m:
        refs = full_name(m.group(1) + '`', generic_params)
        for a in split_top(m.group(2)):
            refs += full_name(a, generic_params)
        return refs
    if t in KEYWORDS or t.startswith('!!') or t in generic_params or t.startswith('System.'):
        return []
    name = t.rstrip('`')
    if '.' not in name:
        name = 'cAlgo.API.' + name
    return [name]


def docid_type(t, generic_params=(), type_generic=()):
    t = t.strip()
    if t.startswith('params '):
        t = t[7:]
    if t.endswith('&'):
        return docid_type(t[:-1], generic_params, type_generic) + '@'
    if t.endswith('?'):
        return 'System.Nullable{' + docid_type(t[:-1], generic_params, type_generic) + '}'
    if t.endswith('[]'):
        return docid_type(t[:-2], generic_params, type_generic) + '[]'
    m = re.match(r'^([\w.]+)<(.*)>$', t)
    if m:
        return docid_type(m.group(1), generic_params, type_generic) + '{' + ','.join(
            docid_type(a, generic_params, type_generic) for a in split_top(m.group(2))) + '}'
    if t in KEYWORDS:
        return KEYWORDS[t]
    if t.startswith('!!'):
        return '``' + t[2:]
    if t in type_generic:
        return '`' + str(type_generic.index(t))
    if '.' not in t:
        return 'cAlgo.API.' + t
    return t


def parse_surface(path):
    types, cur = {}, None
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if not line or line.startswith('#'):
            cur = None
            continue
        if not line.startswith('    '):
            attrs = ''
            m = re.match(r'^(.*?)\s\s\[(.*)\]$', line)
            if m:
                line, attrs = m.group(1), m.group(2)
            head, _, bases = line.partition(' : ')
            words = head.split()
            kind, name = ' '.join(words[:-1]), words[-1]
            generic = []
            gm = re.match(r'^(.*)<(.*)>$', name)
            if gm:
                name, generic = gm.group(1), [g.strip() for g in gm.group(2).split(',')]
            cur = {'kind': kind, 'name': name, 'bases': split_top(bases) if bases else [], 'attrs': attrs,
                   'generic': generic, 'members': []}
            types[name] = cur
        else:
            cur['members'].append(line.strip())
    return types


def parse_member(tname, tinfo, line):
    attrs = ''
    m = re.match(r'^(.*?)\s\s\[(.*)\]$', line)
    if m:
        line, attrs = m.group(1), m.group(2)
    kind, _, rest = line.partition(' ')
    tg = tinfo['generic']
    # Documentation ids name a generic type with its arity (IReadonlyList`1.Count).
    tname = tname + ('`%d' % len(tg) if tg else '')
    res = {'kind': kind, 'line': line, 'attrs': attrs}
    if kind == 'prop':
        m = re.match(r'^(static )?(.+?) (this\[(.*)\]|\w+) \{ (.*) \}$', rest)
        ptype, name, idx, acc = m.group(2), m.group(3), m.group(4), m.group(5)
        res.update(type=ptype, acc=acc, static=bool(m.group(1)))
        if idx is not None:
            params = [p.strip() for p in idx.split(',')]
            res['name'] = 'this'
            res['docid'] = 'P:%s.Item(%s)' % (tname, ','.join(docid_type(p, (), tg) for p in params))
            res['idx_types'] = params
        else:
            res['name'] = name
            res['docid'] = 'P:%s.%s' % (tname, name)
        res['refs'] = full_name(ptype, tg)
    elif kind == 'event':
        m = re.match(r'^(.+) (\w+)$', rest)
        res.update(type=m.group(1), name=m.group(2), docid='E:%s.%s' % (tname, m.group(2)), refs=full_name(m.group(1), tg))
    elif kind in ('method', 'ctor'):
        m = re.match(r'^(.*?)(\w+)(<([\w, ]+)>)?\((.*)\)$', rest)
        pre, name, gparams, params = m.group(1).strip(), m.group(2), m.group(4), m.group(5)
        mods = pre.split()
        gp = [g.strip() for g in gparams.split(',')] if gparams else []
        ret = mods[-1] if kind == 'method' else None
        mods = mods[:-1] if kind == 'method' else mods
        plist = []
        for p in split_top(params):
            default = None
            if ' = ' in p:
                p, default = p.split(' = ', 1)
            ptype, pname = p.rsplit(' ', 1)
            plist.append((ptype, pname, default))
        refs = full_name(ret, tg) if ret else []
        for ptype, _, _ in plist:
            refs += full_name(ptype.replace('params ', ''), tg)
        did_name = '#ctor' if kind == 'ctor' else name + ('``%d' % len(gp) if gp else '')
        did = 'M:%s.%s' % (tname, did_name)
        if plist:
            did += '(' + ','.join(docid_type(pt, gp, tg) for pt, _, _ in plist) + ')'
        res.update(name=name, ret=ret, mods=mods, params=plist, gparams=gp, refs=refs, docid=did)
    elif kind == 'field':
        m = re.match(r'^(.*?)(\S+) (\w+)( = (.*))?$', rest)
        res.update(name=m.group(3), type=m.group(2), docid='F:%s.%s' % (tname, m.group(3)), refs=[])
    else:
        # enum value "Name = 0"
        m = re.match(r'^(\w+) = (-?\d+)$', line)
        res.update(kind='enumvalue', name=m.group(1), value=m.group(2), docid='F:%s.%s' % (tname, m.group(1)), refs=[])
    return res


def load_flags(path):
    flags = {}
    for line in open(path, encoding='utf-8'):
        if line.startswith('#') or len(line) < 3:
            continue
        flag, rest = line[0], line[2:]
        did, _, sig = rest.rstrip('\n').partition('\t')
        flags[did] = (flag, sig)
    return flags


def cs_type(t, tg_map=None):
    t = t.replace('params ', '')
    t = re.sub(r'!!0', (tg_map or ['T'])[0], t)
    return t


def emit_param(ptype, pname, default):
    s = ptype + ' ' + pname
    if default is not None:
        s += ' = ' + default
    return s


def main():
    types = parse_surface(os.path.join(API, 'legacy-surface.txt'))
    flags = load_flags(os.path.join(API, 'signatures.txt'))
    declared = set(INTERFACES) | set(ENUMS) | set(HANDWRITTEN)
    by_ns = {}
    for tname in list(INTERFACES) + ENUMS:
        t = types[tname]
        tflag = flags.get('T:' + tname + ('`%d' % len(t['generic']) if t['generic'] else ''), ('?',))[0]
        if tflag != 'B':
            sys.exit('type %s not B (%s)' % (tname, tflag))
        ns, _, short = tname.rpartition('.')
        lines = []
        if t['kind'] == 'enum':
            if 'Flags' in t['attrs']:
                lines.append('    [System.Flags]')
            lines.append('    public enum %s' % short)
            lines.append('    {')
            for ml in t['members']:
                m = parse_member(tname, t, ml)
                if flags.get(m['docid'], ('?',))[0] == 'B':
                    lines.append('        %s = %s,' % (m['name'], m['value']))
            lines.append('    }')
        else:
            wl = INTERFACES[tname]
            bases = [b for b in t['bases'] if (b.startswith('System.') or
                     (('cAlgo.API.' + b) if '.' not in b.split('<')[0] else b.split('<')[0]) in declared)]
            base_members = set()
            for b in bases:
                bn = b.split('<')[0]
                bn = bn if '.' in bn else 'cAlgo.API.' + bn
                if bn in types:
                    for bl in types[bn]['members']:
                        bm = parse_member(bn, types[bn], bl)
                        base_members.add(bm['docid'].split(':', 1)[1].split('.', len(bn.split('.')))[-1])
            if 'Obsolete' in t['attrs']:
                am = re.search(r'ObsoleteAttribute\((.*?)\)', t['attrs'])
                lines.append('    [System.Obsolete(%s)]' % (am.group(1) if am else ''))
            gen = '<%s>' % ', '.join(t['generic']) if t['generic'] else ''
            lines.append('    public interface %s%s%s' % (short, gen, (' : ' + ', '.join(bases)) if bases else ''))
            lines.append('    {')
            for ml in t['members']:
                m = parse_member(tname, t, ml)
                if flags.get(m['docid'], ('?',))[0] != 'B':
                    continue
                if wl is not None and m['name'] not in wl:
                    continue
                if any(r not in declared for r in m['refs']):
                    continue
                suffix = m['docid'].split(':', 1)[1].split('.', len(tname.split('.')))[-1]
                new = 'new ' if suffix in base_members else ''
                if m['kind'] == 'prop':
                    if m['name'] == 'this':
                        sig = flags[m['docid']][1]
                        im = re.search(r'this\[(.*?)\]', sig)
                        lines.append('        %s%s this[%s] { %s }' % (new, m['type'], im.group(1), m['acc']))
                    else:
                        lines.append('        %s%s %s { %s }' % (new, m['type'], m['name'], m['acc']))
                elif m['kind'] == 'event':
                    lines.append('        %sevent %s %s;' % (new, m['type'], m['name']))
                elif m['kind'] == 'method':
                    gp = m['gparams']
                    ret = m['ret'].replace('!!0', gp[0]) if gp else m['ret']
                    ps = ', '.join(emit_param(pt.replace('!!0', gp[0]) if gp else pt, pn, d) for pt, pn, d in m['params'])
                    lines.append('        %s%s %s%s(%s);' % (new, ret, m['name'], '<%s>' % ', '.join(gp) if gp else '', ps))
                else:
                    sys.exit('unexpected member in interface %s: %s' % (tname, ml))
            lines.append('    }')
        by_ns.setdefault(ns, []).append('\n'.join(lines))
    os.makedirs(OUT, exist_ok=True)
    for ns, blocks in by_ns.items():
        path = os.path.join(OUT, ns + '.g.cs')
        with open(path, 'w', encoding='utf-8', newline='\n') as f:
            f.write('// <auto-generated> by Tools/Automate.Headless/tools/gen_surface.py from ../shared/ctrader-api.\n')
            f.write('// Members flagged B in signatures.txt, spelled as legacy-surface.txt. Do not edit by hand.\n')
            f.write('#nullable disable\n#pragma warning disable CS0618 // the real API derives from its own obsolete interfaces\n')
            f.write('using cAlgo.API;\n\nnamespace %s\n{\n' % ns)
            f.write('\n\n'.join(blocks))
            f.write('\n}\n')
        print('wrote', path)


if __name__ == '__main__':
    main()
