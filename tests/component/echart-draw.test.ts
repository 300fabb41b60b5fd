// EChart.vue's drawing: at once by default; with deferDraw, one draw after the next frame however
// many changes came, and a resize that comes with a new option empties the chart first instead of
// repainting the old picture at the new size (each of those is a full paint of 20,000 points).
import { mount } from '@vue/test-utils';
import { nextTick } from 'vue';
import { afterEach, describe, expect, it, vi } from 'vitest';

const calls: string[] = [];
vi.mock('echarts', () => ({
  init: () => ({
    setOption: (o: { title?: { text?: string } }) => calls.push(`setOption ${o.title?.text ?? ''}`),
    clear: () => calls.push('clear'),
    resize: () => calls.push('resize'),
    dispose: () => calls.push('dispose'),
    on: () => undefined,
  }),
}));
const { default: EChart } = await import('../../src/renderer/src/components/EChart.vue');

const option = (text: string) => ({ title: { text } });
const afterFrames = () => new Promise((r) => setTimeout(r, 80));

/** Mounts the chart with a box of a settable size (happy-dom lays nothing out). */
function mountChart(deferDraw: boolean) {
  const box = { width: 800, height: 400 };
  const proto = HTMLElement.prototype;
  vi.spyOn(proto, 'clientWidth', 'get').mockImplementation(() => box.width);
  vi.spyOn(proto, 'clientHeight', 'get').mockImplementation(() => box.height);
  const w = mount(EChart, { props: { option: option('first'), name: `t-${Math.random()}`, deferDraw }, attachTo: document.body });
  return { w, box };
}

afterEach(() => {
  calls.length = 0;
  vi.restoreAllMocks();
});

describe('EChart drawing', () => {
  it('draws a new option at once by default', async () => {
    const { w } = mountChart(false);
    expect(calls).toEqual(['setOption first']);
    await w.setProps({ option: option('second') });
    await nextTick();
    expect(calls).toEqual(['setOption first', 'setOption second']);
    w.unmount();
  });

  it('with deferDraw, draws once after the next frame, the latest option only', async () => {
    const { w } = mountChart(true);
    calls.length = 0;
    await w.setProps({ option: option('second') });
    await w.setProps({ option: option('third') });
    await nextTick();
    expect(calls).toEqual([]); // not in the task that changed it
    await afterFrames();
    expect(calls).toEqual(['setOption third']);
    await afterFrames();
    expect(calls).toEqual(['setOption third']);
    w.unmount();
  });

  it('with deferDraw, a new size and a new option: empty, resize, then one draw', async () => {
    const { w, box } = mountChart(true);
    calls.length = 0;
    box.width = 900;
    window.dispatchEvent(new Event('resize'));
    await w.setProps({ option: option('second') });
    await afterFrames();
    expect(calls).toEqual(['clear', 'resize', 'setOption second']);
    w.unmount();
  });

  it('with deferDraw, a new size alone resizes (the picture is kept); the same size or 0×0 does nothing', async () => {
    const { w, box } = mountChart(true);
    calls.length = 0;
    window.dispatchEvent(new Event('resize'));
    await afterFrames();
    expect(calls).toEqual([]);
    box.width = 0;
    window.dispatchEvent(new Event('resize'));
    await afterFrames();
    expect(calls).toEqual([]);
    box.width = 700;
    window.dispatchEvent(new Event('resize'));
    await afterFrames();
    expect(calls).toEqual(['resize']);
    w.unmount();
  });

  it('drops a pending draw when unmounted', async () => {
    const { w } = mountChart(true);
    calls.length = 0;
    await w.setProps({ option: option('second') });
    w.unmount();
    await afterFrames();
    expect(calls).toEqual(['dispose']);
  });
});
